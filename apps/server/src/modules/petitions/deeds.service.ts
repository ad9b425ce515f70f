import { chinaDay } from '@vanguard/shared';
import type { DeedCreateSchema, DeedListQuery } from '@vanguard/shared/api/petitions';
import { and, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { deeds, orgs } from '../../db/schema/index.js';
import { orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { newWorkbook } from './petitions.xlsx.js';

type Query = z.infer<typeof DeedListQuery>;
const cols = {
  id: deeds.id,
  orgId: deeds.orgId,
  orgName: orgs.name,
  petitionId: deeds.petitionId,
  title: deeds.title,
  done: deeds.done,
  costFen: deeds.costFen,
  beneficiaries: deeds.beneficiaries,
  photoFileIds: deeds.photoFileIds,
  doneOn: deeds.doneOn,
  petitionerName: deeds.petitionerName,
};

function search(q: Query): SQL[] {
  const out: SQL[] = [];
  if (q.q)
    out.push(
      or(ilike(deeds.title, `%${q.q.replace(/[\\%_]/g, '\\$&')}%`), ilike(deeds.done, `%${q.q.replace(/[\\%_]/g, '\\$&')}%`)) as SQL,
    );
  if (q.orgId) out.push(eq(deeds.orgId, q.orgId));
  return out;
}

async function page(ctx: ActorCtx, where: SQL | undefined, q: Query) {
  const [items, [{ total }]] = await Promise.all([
    ctx.db
      .select(cols)
      .from(deeds)
      .innerJoin(orgs, eq(orgs.id, deeds.orgId))
      .where(where)
      .orderBy(desc(deeds.doneOn), desc(deeds.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(deeds).where(where),
  ]);
  return { items, total };
}

/** The ledger as handlers see it: deeds of orgs in their petitions:handle scope. */
export const listDeeds = (ctx: ActorCtx, q: Query) =>
  page(ctx, and(inScope(deeds.orgPath, scopeOf(ctx.actor, 'petitions:handle')), ...search(q)), q);

/** 办实事 as workers see it: deeds of their org and every org above it (published to the subtree). */
export function listMyDeeds(ctx: ActorCtx, q: Query) {
  const mine = sql`(SELECT o.path FROM orgs o WHERE o.id = ${ctx.actor.orgId ?? 0}) LIKE ${deeds.orgPath} || '%'`;
  return page(ctx, and(mine, ...search(q)), q);
}

/** A project a committee or branch takes on (not from a petition). */
export async function createDeed(ctx: ActorCtx, input: z.infer<typeof DeedCreateSchema>) {
  const org = await orgFor(ctx, input.orgId, 'petitions:handle', { field: 'orgId' });
  if (input.doneOn > chinaDay(ctx.now())) throw invalid('doneOn', '办结日期不能晚于今天');
  return ctx.db.transaction(async (tx) => {
    const [d] = await tx
      .insert(deeds)
      .values({ ...input, orgPath: org.path, createdBy: ctx.actor.userId })
      .returning();
    await audit(tx, ctx, { action: 'deed.create', entityType: 'deed', entityId: d.id, orgId: org.id, after: { title: d.title } });
    return { ...d, orgName: org.name };
  });
}

/** The ledger as Excel (the same scope and search, up to 10,000 rows). */
export async function exportDeeds(ctx: ActorCtx, q: Query) {
  const { items } = await page(ctx, and(inScope(deeds.orgPath, scopeOf(ctx.actor, 'petitions:handle')), ...search(q)), {
    ...q,
    page: 1,
    pageSize: 10_000,
  });
  const { wb, sheet } = newWorkbook('我为群众办实事台账', [
    { header: '办结日期', key: 'doneOn', width: 12 },
    { header: '党组织', key: 'orgName', width: 24 },
    { header: '事项', key: 'title', width: 30 },
    { header: '办理情况', key: 'done', width: 50 },
    { header: '投入（元）', key: 'cost', width: 12 },
    { header: '受益人数', key: 'beneficiaries', width: 10 },
    { header: '诉求人', key: 'petitionerName', width: 12 },
  ]);
  for (const d of items) sheet.addRow({ ...d, cost: d.costFen / 100, petitionerName: d.petitionerName ?? '' });
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), fileName: '我为群众办实事台账.xlsx', asciiName: 'deeds.xlsx' };
}
