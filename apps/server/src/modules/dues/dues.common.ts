import { chinaDay, DuesInputError } from '@vanguard/shared';
import { eq, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, preparedOn } from '../../db/client.js';
import { members, orgs } from '../../db/schema/index.js';
import { assertCan } from '../../platform/access/scope.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';

/** The pure rule functions throw DuesInputError; the API answers 400 with the field. */
export function ruleCall<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof DuesInputError) throw invalid(e.path, e.message);
    throw e;
  }
}

/** China time: the calendar day and month a rule sees. */
export const currentYm = (d: Date): string => chinaDay(d).slice(0, 7);
/** `YYYY-MM` ↔ the first day stored in `date` columns. */
export const monthDay = (ym: string): string => `${ym}-01`;
export const ymOf = (day: string): string => day.slice(0, 7);

const orgById = preparedOn((db: Db) =>
  db
    .select()
    .from(orgs)
    .where(eq(orgs.id, sql.placeholder('id')))
    .prepare('vg_dues_org'),
);

/** An org the actor may collect dues in: 404 outside the actor's sight, 403 without dues:collect. */
export async function duesOrg(db: DbOrTx, ctx: ActorCtx, orgId: number) {
  // Outside a transaction (the ledger and reports, read all day long) the lookup is a prepared statement.
  const [org] = db === ctx.db ? await orgById(ctx.db).execute({ id: orgId }) : await db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw notFound('该组织');
  assertCan(ctx.actor, 'dues:collect', org.path, '该组织');
  return org;
}

/** A member the actor may collect dues from. */
export async function duesMember(db: DbOrTx, ctx: ActorCtx, memberId: number, path = 'memberId') {
  const [m] = await db.select().from(members).where(eq(members.id, memberId));
  if (!m) throw new AppError('NOT_FOUND', '未找到该党员', [{ path, message: '未找到该党员' }]);
  assertCan(ctx.actor, 'dues:collect', m.orgPath, '该党员');
  return m;
}

/** The member record linked to the signed-in user (我的党费). */
export async function selfMember(db: DbOrTx, ctx: ActorCtx) {
  const [m] = await db.select().from(members).where(eq(members.userId, ctx.actor.userId)).limit(1);
  if (!m) throw notFound('与您账号关联的党员档案');
  return m;
}

export const likePrefix = (path: string) => `${path}%`;
