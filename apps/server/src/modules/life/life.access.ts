import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { meetingOrgs, meetings, members, orgs } from '../../db/schema/index.js';
import { covers, scopeOf, visibleScope } from '../../platform/access/scope.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';

export type MeetingRow = typeof meetings.$inferSelect;

/**
 * Whether the actor may manage something held by these orgs (a 联席会议 belongs to every org
 * taking part): none visible → 404, visible without life:manage → 403.
 */
export function assertManage(ctx: ActorCtx, paths: string[], what: string): void {
  const manage = scopeOf(ctx.actor, 'life:manage');
  if (paths.some((p) => covers(manage, p))) return;
  const visible = visibleScope(ctx.actor);
  if (paths.some((p) => covers(visible, p))) throw new AppError('FORBIDDEN');
  throw notFound(what);
}

/** The meeting and the paths of its orgs, checked for life:manage; optionally locked. */
export async function managedMeeting(
  db: DbOrTx,
  ctx: ActorCtx,
  id: number,
  lock = false,
): Promise<{ meeting: MeetingRow; paths: string[] }> {
  const q = db.select().from(meetings).where(eq(meetings.id, id));
  const [meeting] = lock ? await q.for('update') : await q;
  if (!meeting) throw notFound('该会议');
  const paths = (await db.select({ path: meetingOrgs.orgPath }).from(meetingOrgs).where(eq(meetingOrgs.meetingId, id))).map((r) => r.path);
  assertManage(ctx, paths.length ? paths : [meeting.orgPath], '该会议');
  return { meeting, paths };
}

/** A live org the actor manages organizational life of. */
export async function managedOrg(db: DbOrTx, ctx: ActorCtx, id: number, what = '该组织') {
  const [org] = await db.select().from(orgs).where(eq(orgs.id, id));
  if (!org || org.dissolvedAt) throw notFound(what);
  assertManage(ctx, [org.path], what);
  return org;
}

export async function orgsByIds(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select().from(orgs).where(inArray(orgs.id, ids));
}

/** The caller's own member record (members.user_id), or 404. */
export async function myMember(db: DbOrTx, ctx: ActorCtx) {
  const [m] = await db
    .select({ id: members.id, name: members.name, orgId: members.orgId, orgPath: members.orgPath, category: members.category })
    .from(members)
    .where(and(eq(members.userId, ctx.actor.userId), eq(members.status, 'normal')));
  if (!m) throw notFound('您的党员档案（账号未关联党员档案，请联系支部书记）');
  return m;
}

/** China-time `YYYY-MM-DD HH:mm`. */
export const stamp = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
