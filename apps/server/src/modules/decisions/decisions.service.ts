import {
  chinaDay,
  DECISION_KINDS,
  DECISION_RULESETS,
  type DecisionKind,
  type DecisionStep,
  decisionRulesetOn,
  requiredSteps,
} from '@vanguard/shared';
import type { MatterCreateInput, MatterDto, MatterListQuery } from '@vanguard/shared/api/decisions';
import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { decisionMatters, decisionSteps, orgs } from '../../db/schema/index.js';
import { DECISION_MATTERS } from '../../platform/access/gates.js';
import { loadFor, orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { setSetting } from '../../platform/settings.js';
import { largeAmountYuan, matterDto } from './decisions.common.js';
import { mayHoldDecisions } from './decisions.policy.js';

/** Records a new 三重一大 matter of a committee (党委 / 党总支). */
export async function createMatter(ctx: ActorCtx, input: MatterCreateInput): Promise<MatterDto> {
  const row = await ctx.db.transaction(async (tx) => {
    const org = await orgFor(ctx, input.orgId, 'decisions:manage', { db: tx, field: 'orgId' });
    if (!mayHoldDecisions(org.kind)) throw invalid('orgId', `${org.name}不是党委或党总支，三重一大事项由党委（党总支）集体决定`);
    if ((input.kind === 'funds' || input.kind === 'project') && input.amountYuan === undefined)
      throw invalid('amountYuan', '请填写金额（元）');
    const [m] = await tx
      .insert(decisionMatters)
      .values({
        orgId: org.id,
        orgPath: org.path,
        kind: input.kind,
        title: input.title,
        summary: input.summary ?? null,
        amountYuan: input.amountYuan ?? null,
        rulesVersion: decisionRulesetOn(chinaDay(ctx.now())).version,
        createdBy: ctx.actor.userId,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .returning();
    await audit(tx, ctx, { action: 'decision.create', entityType: 'decision_matter', entityId: m.id, orgId: org.id, after: m });
    return m;
  });
  return matterDto(ctx.db, row);
}

/** One matter with its checklist, opinions and publication. */
export async function getMatter(ctx: ActorCtx, id: number): Promise<MatterDto> {
  return matterDto(ctx.db, await loadFor(ctx, DECISION_MATTERS, id, 'decisions:manage'));
}

/** Matters in the actor's scope (under one org when asked), newest first, with the next step due. */
export async function listMatters(ctx: ActorCtx, q: MatterListQuery) {
  const under = q.orgId ? await orgFor(ctx, q.orgId, 'decisions:manage', { dissolved: true }) : null;
  const where = and(
    inScope(decisionMatters.orgPath, scopeOf(ctx.actor, 'decisions:manage')),
    under ? sql`${decisionMatters.orgPath} LIKE ${`${under.path}%`}` : undefined,
    q.status ? eq(decisionMatters.status, q.status) : undefined,
  ) as SQL;
  const [rows, [{ total }], threshold] = await Promise.all([
    ctx.db
      .select({ m: decisionMatters, orgName: orgs.name })
      .from(decisionMatters)
      .innerJoin(orgs, eq(orgs.id, decisionMatters.orgId))
      .where(where)
      .orderBy(desc(decisionMatters.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(decisionMatters).where(where),
    largeAmountYuan(ctx.db),
  ]);
  const ids = rows.map((r) => r.m.id);
  const done = ids.length
    ? await ctx.db
        .select({ matterId: decisionSteps.matterId, step: decisionSteps.step })
        .from(decisionSteps)
        .where(inArray(decisionSteps.matterId, ids))
    : [];
  const items = rows.map(({ m, orgName }) => {
    const mine = new Set(done.filter((d) => d.matterId === m.id).map((d) => d.step));
    const next = requiredSteps(m.kind as DecisionKind).find((s: DecisionStep) => !mine.has(s)) ?? null;
    return {
      id: m.id,
      orgId: m.orgId,
      orgName,
      kind: m.kind,
      kindName: DECISION_KINDS[m.kind as DecisionKind] ?? m.kind,
      title: m.title,
      amountYuan: m.amountYuan,
      largeAmount: m.amountYuan !== null && m.amountYuan >= threshold,
      status: m.status,
      createdAt: m.createdAt,
      nextStep: m.status === 'rejected' ? null : next,
    };
  });
  return { items, total };
}

/** The 大额度 threshold and the ruleset's sources. */
export async function getThreshold(ctx: ActorCtx) {
  const r = DECISION_RULESETS[DECISION_RULESETS.length - 1];
  return { largeAmountYuan: await largeAmountYuan(ctx.db), rulesVersion: r.version, sources: [...r.sources] };
}

/** Sets the group's 大额度 threshold (a system setting, audited). */
export async function setThreshold(ctx: ActorCtx, input: { largeAmountYuan: number }) {
  await ctx.db.transaction(async (tx) => {
    const before = await largeAmountYuan(tx);
    await setSetting(tx, 'decisions.largeAmountYuan', input.largeAmountYuan);
    await audit(tx, ctx, {
      action: 'decision.threshold',
      entityType: 'setting',
      entityId: 'decisions.largeAmountYuan',
      before: { largeAmountYuan: before },
      after: input,
    });
  });
  return getThreshold(ctx);
}
