import { chinaDay, PETITION_CATEGORIES, permissionsOf, ROLE_CODES } from '@vanguard/shared';
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { orgs, petitionEvents, roleGrants, todos } from '../../db/schema/index.js';
import { notify } from '../../platform/notify/index.js';
import { addTodos } from '../../platform/todos/todos.js';
import type { PetitionRow } from './petitions.queries.js';

/** Roles that handle petitions (hold petitions:handle). */
export const HANDLER_ROLES = ROLE_CODES.filter((r) => permissionsOf(r).includes('petitions:handle'));

/** The users holding a handler role on exactly this org (the branch's secretary and committee, the committee's office). */
export async function handlersOf(db: DbOrTx, orgId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ id: roleGrants.userId })
    .from(roleGrants)
    .where(and(eq(roleGrants.orgId, orgId), inArray(roleGrants.role, HANDLER_ROLES)));
  return rows.map((r) => r.id);
}

export async function addEvent(
  db: DbOrTx,
  e: {
    petitionId: number;
    kind: string;
    at: Date;
    actorUserId?: number | null;
    fromOrgId?: number | null;
    toOrgId?: number | null;
    note?: string | null;
  },
) {
  await db.insert(petitionEvents).values({
    petitionId: e.petitionId,
    kind: e.kind,
    at: e.at,
    actorUserId: e.actorUserId ?? null,
    fromOrgId: e.fromOrgId ?? null,
    toOrgId: e.toOrgId ?? null,
    note: e.note ?? null,
  });
}

/** The org above (its parent), or the org itself at the top. */
export async function orgAbove(db: DbOrTx, orgId: number) {
  const [o] = await db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!o?.parentId) return o;
  const [p] = await db.select().from(orgs).where(eq(orgs.id, o.parentId));
  return p ?? o;
}

const categoryTitle = (p: PetitionRow) => PETITION_CATEGORIES[p.category as keyof typeof PETITION_CATEGORIES] ?? '其他';

/**
 * Tells the handlers of the org now holding the petition: a to-do (one per petition and person, the
 * latest stage) and a message through notify().
 */
export async function tellHandlers(db: DbOrTx, now: Date, p: PetitionRow, stage: 'submitted' | 'escalated' | 'reopened', orgName: string) {
  const userIds = await handlersOf(db, p.orgId);
  if (userIds.length === 0) return;
  const what = stage === 'submitted' ? '新诉求待受理' : stage === 'escalated' ? '逾期诉求已提交本级办理' : '职工不满意，诉求转本级重新办理';
  await addTodos(
    db,
    userIds.map((userId) => ({
      userId,
      orgId: p.orgId,
      severity: stage === 'submitted' ? ('warning' as const) : ('danger' as const),
      title: `${what}：${categoryTitle(p)}（答复期限 ${p.replyDueOn}）`,
      link: `/admin/petitions/${p.id}`,
      dueAt: new Date(`${p.status === 'submitted' ? p.acceptDueOn : p.replyDueOn}T23:59:59+08:00`),
      sourceKey: `petition:${p.id}:${stage}:${p.escalations}:${p.reopens}`,
      supersedes: `petition:${p.id}:`,
    })),
    now,
  );
  await notify(db, now, {
    key: `petition:${p.id}:${stage}:${p.escalations}:${p.reopens}`,
    to: { kind: 'users', userIds },
    message:
      stage === 'submitted'
        ? {
            code: 'petition.submitted',
            params: { orgName, categoryTitle: categoryTitle(p), acceptDueOn: p.acceptDueOn, replyDueOn: p.replyDueOn },
            link: `/admin/petitions/${p.id}`,
          }
        : {
            code: 'petition.escalated',
            params: { orgName, categoryTitle: categoryTitle(p), replyDueOn: p.replyDueOn },
            link: `/admin/petitions/${p.id}`,
          },
  });
}

/** The petition's work to-dos are done (it was answered or closed). */
export async function closeWork(db: DbOrTx, now: Date, petitionId: number) {
  await db
    .update(todos)
    .set({ doneAt: now, updatedAt: now })
    .where(and(like(todos.sourceKey, `petition:${petitionId}:%`), sql`${todos.doneAt} IS NULL`, eq(todos.kind, 'todo')));
}

export const todayOf = (now: Date) => chinaDay(now);
