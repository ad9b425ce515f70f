import { renderMessage } from '@vanguard/shared';
import type {
  DeliveryQuerySchema,
  PreferencesSchema,
  ProviderCreateSchema,
  ProviderSchema,
  ProviderUpdateSchema,
} from '@vanguard/shared/api/notify';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { notifyDeliveries, notifyMessages, notifyPreferences, notifyProviders, orgs, users } from '../../db/schema/index.js';
import { assertCan, inScope, scopeOf } from '../access/scope.js';
import { audit } from '../audit/audit.js';
import type { ActorCtx } from '../context.js';
import { invalid, notFound } from '../errors.js';
import { kickDispatch, notify } from './notify.js';

type ProviderDto = z.output<typeof ProviderSchema>;
const CONFIGURE = 'notify:configure';

const providerColumns = {
  id: notifyProviders.id,
  kind: notifyProviders.kind,
  name: notifyProviders.name,
  orgId: notifyProviders.orgId,
  orgName: orgs.name,
  orgPath: notifyProviders.orgPath,
  urlHost: notifyProviders.urlHost,
  hasSecret: sql<boolean>`${notifyProviders.secretEnc} IS NOT NULL`,
  enabled: notifyProviders.enabled,
  timeoutMs: notifyProviders.timeoutMs,
  updatedAt: notifyProviders.updatedAt,
};

/** The channels whose org lies in the actor's scope for `notify:configure`. */
export async function listProviders(ctx: ActorCtx): Promise<{ items: ProviderDto[] }> {
  const items = await ctx.db
    .select(providerColumns)
    .from(notifyProviders)
    .innerJoin(orgs, eq(orgs.id, notifyProviders.orgId))
    .where(inScope(notifyProviders.orgPath, scopeOf(ctx.actor, CONFIGURE)))
    .orderBy(notifyProviders.id);
  return { items: items as ProviderDto[] };
}

async function orgOr404(ctx: ActorCtx, orgId: number) {
  const [org] = await ctx.db.select({ id: orgs.id, path: orgs.path }).from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw invalid('orgId', '组织不存在');
  assertCan(ctx.actor, CONFIGURE, org.path, '该组织');
  return org;
}

async function providerOr404(ctx: ActorCtx, id: number): Promise<ProviderDto & { orgPath: string }> {
  const [row] = await ctx.db
    .select(providerColumns)
    .from(notifyProviders)
    .innerJoin(orgs, eq(orgs.id, notifyProviders.orgId))
    .where(eq(notifyProviders.id, id));
  if (!row) throw notFound('该消息通道');
  assertCan(ctx.actor, CONFIGURE, row.orgPath, '该消息通道');
  return row as ProviderDto & { orgPath: string };
}

export async function createProvider(ctx: ActorCtx, input: z.output<typeof ProviderCreateSchema>): Promise<ProviderDto> {
  const org = await orgOr404(ctx, input.orgId);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(notifyProviders)
      .values({
        kind: input.kind,
        name: input.name,
        orgId: org.id,
        orgPath: org.path,
        urlEnc: ctx.ciphers.auth.encrypt(input.url),
        urlHost: new URL(input.url).host,
        secretEnc: input.secret ? ctx.ciphers.auth.encrypt(input.secret) : null,
        enabled: input.enabled,
        timeoutMs: input.timeoutMs,
        createdBy: ctx.actor.userId,
      })
      .returning({ id: notifyProviders.id });
    const after = { kind: input.kind, name: input.name, orgId: org.id, host: new URL(input.url).host, enabled: input.enabled };
    await audit(tx, ctx, { action: 'notify.provider.create', entityType: 'notify_provider', entityId: row.id, orgId: org.id, after });
    return row.id;
  });
  return providerOr404(ctx, id);
}

export async function updateProvider(ctx: ActorCtx, id: number, input: z.output<typeof ProviderUpdateSchema>): Promise<ProviderDto> {
  const before = await providerOr404(ctx, id);
  const org = input.orgId ? await orgOr404(ctx, input.orgId) : null;
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(notifyProviders)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(org ? { orgId: org.id, orgPath: org.path } : {}),
        ...(input.url ? { urlEnc: ctx.ciphers.auth.encrypt(input.url), urlHost: new URL(input.url).host } : {}),
        ...(input.secret !== undefined ? { secretEnc: input.secret ? ctx.ciphers.auth.encrypt(input.secret) : null } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {}),
        updatedAt: ctx.now(),
      })
      .where(eq(notifyProviders.id, id));
    const after = {
      ...input,
      url: input.url ? new URL(input.url).host : undefined,
      secret: input.secret === undefined ? undefined : '***',
    };
    await audit(tx, ctx, {
      action: 'notify.provider.update',
      entityType: 'notify_provider',
      entityId: id,
      orgId: before.orgId,
      before,
      after,
    });
  });
  return providerOr404(ctx, id);
}

/** A test message to the administrator through this one channel (ignores quiet hours and the cap). */
export async function testProvider(ctx: ActorCtx, id: number): Promise<{ messageId: number; deliveries: number }> {
  const provider = await providerOr404(ctx, id);
  const now = ctx.now();
  const res = await ctx.db.transaction(async (tx) => {
    const r = await notify(tx, now, {
      key: `notify-test:${id}:${ctx.actor.userId}:${now.getTime()}`,
      to: { kind: 'users', userIds: [ctx.actor.userId] },
      message: { code: 'notify.test', params: { providerName: provider.name, sentAt: now.toISOString() } },
      createdBy: ctx.actor.userId,
      testProviderId: id,
    });
    await audit(tx, ctx, { action: 'notify.provider.test', entityType: 'notify_provider', entityId: id, orgId: provider.orgId });
    return r;
  });
  await kickDispatch(ctx.db);
  return { messageId: res.messageId, deliveries: res.deliveries };
}

/** Deliveries to people in the actor's scope, newest first. */
export async function listDeliveries(ctx: ActorCtx, q: z.output<typeof DeliveryQuerySchema>) {
  const where = and(
    inScope(notifyDeliveries.orgPath, scopeOf(ctx.actor, CONFIGURE)),
    q.status ? eq(notifyDeliveries.status, q.status) : undefined,
    q.providerId ? eq(notifyDeliveries.providerId, q.providerId) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({
        id: notifyDeliveries.id,
        messageKey: notifyMessages.key,
        code: notifyMessages.code,
        params: notifyMessages.params,
        recipientName: users.displayName,
        providerName: notifyProviders.name,
        providerKind: notifyProviders.kind,
        status: notifyDeliveries.status,
        skipReason: notifyDeliveries.skipReason,
        attempts: notifyDeliveries.attempts,
        lastError: notifyDeliveries.lastError,
        nextAttemptAt: notifyDeliveries.nextAttemptAt,
        sentAt: notifyDeliveries.sentAt,
        createdAt: notifyDeliveries.createdAt,
      })
      .from(notifyDeliveries)
      .innerJoin(notifyMessages, eq(notifyMessages.id, notifyDeliveries.messageId))
      .innerJoin(notifyProviders, eq(notifyProviders.id, notifyDeliveries.providerId))
      .innerJoin(users, eq(users.id, notifyDeliveries.userId))
      .where(where)
      .orderBy(desc(notifyDeliveries.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(notifyDeliveries).where(where),
  ]);
  const items = rows.map(({ params, ...r }) => ({ ...r, text: renderMessage({ code: r.code, params }) }));
  return { items: items as never, total };
}

type Preferences = z.output<typeof PreferencesSchema>;

export async function getPreferences(ctx: ActorCtx): Promise<Preferences> {
  const [row] = await ctx.db
    .select({ quietStart: notifyPreferences.quietStart, quietEnd: notifyPreferences.quietEnd, dailyCap: notifyPreferences.dailyCap })
    .from(notifyPreferences)
    .where(eq(notifyPreferences.userId, ctx.actor.userId));
  return row ?? { quietStart: null, quietEnd: null, dailyCap: null };
}

export async function setPreferences(ctx: ActorCtx, input: Preferences): Promise<Preferences> {
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(notifyPreferences)
      .values({ userId: ctx.actor.userId, ...input })
      .onConflictDoUpdate({ target: notifyPreferences.userId, set: { ...input, updatedAt: ctx.now() } });
    await audit(tx, ctx, { action: 'notify.preferences', entityType: 'user', entityId: ctx.actor.userId, after: input });
  });
  return getPreferences(ctx);
}
