import { arrearsStage, chinaDay, DUES_RULESETS, duesRulesetOn } from '@vanguard/shared';
import type { CaseResolveInput } from '@vanguard/shared/api/dues';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { duesWithdrawalCases, memberStatusHistory, members, orgs, roleGrants, users } from '../../db/schema/index.js';
import { assertCan } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { addTodos, type TodoInput } from '../../platform/todos/todos.js';
import { currentYm, duesOrg, likePrefix, monthDay, ymOf } from './dues.common.js';

export interface ArrearsRow {
  memberId: number;
  orgId: number;
  orgPath: string;
  monthsUnpaid: number;
  owedFen: number;
  sinceMonth: string;
  lastPaidMonth: string | null;
}

/**
 * Consecutive unpaid months per member, counting finished months only (the current month is
 * not yet owed): the unpaid bills after the member's last settled (paid, waived, back- or
 * prepaid) month. 无正当理由连续 6 个月不交纳党费按自行脱党处理（第十三条）.
 */
export async function arrearsRows(
  db: DbOrTx,
  orgPath: string,
  now: Date,
  opts: { minMonths?: number; memberIds?: number[]; limit?: number; offset?: number } = {},
) {
  const cur = monthDay(currentYm(now));
  const p = likePrefix(orgPath);
  const ids = opts.memberIds?.length
    ? sql`AND b.member_id = ANY(${sql.raw(`ARRAY[${opts.memberIds.map(Number).join(',')}]`)}::int[])`
    : sql``;
  const res = await db.execute<{
    member_id: number;
    org_id: number;
    org_path: string;
    n: number;
    owed: string;
    since: string;
    last_paid: string | null;
    total: number;
  }>(sql`
    WITH settled AS (
      SELECT member_id, max(month) AS last FROM dues_bills b
      WHERE b.status <> 'unpaid' AND b.month < ${cur}::date AND b.org_path LIKE ${p} ${ids}
      GROUP BY member_id
    ), owed AS (
      SELECT b.member_id, min(b.org_id) AS org_id, min(b.org_path) AS org_path, count(*)::int AS n,
             sum(b.due_fen - b.paid_fen)::bigint AS owed, min(b.month)::text AS since
      FROM dues_bills b LEFT JOIN settled s ON s.member_id = b.member_id
      WHERE b.status = 'unpaid' AND b.month < ${cur}::date AND b.org_path LIKE ${p} ${ids}
        AND b.month > coalesce(s.last, '1900-01-01'::date)
      GROUP BY b.member_id
    )
    -- The last month paid before the arrears began: a later month paid ahead (预交) while earlier ones
    -- are open is not "最后缴纳" beside "N 个月未交纳".
    SELECT o.member_id, o.org_id, o.org_path, o.n, o.owed, o.since,
           (SELECT max(pb.month)::text FROM dues_bills pb WHERE pb.member_id = o.member_id
              AND pb.status IN ('paid', 'backpaid', 'prepaid') AND pb.month < o.since::date) AS last_paid,
           count(*) OVER ()::int AS total
    FROM owed o
    WHERE o.n >= ${opts.minMonths ?? 1}
    ORDER BY o.n DESC, o.org_path, o.member_id
    ${opts.limit ? sql`LIMIT ${opts.limit} OFFSET ${opts.offset ?? 0}` : sql``}`);
  return {
    total: res.rows[0]?.total ?? 0,
    rows: res.rows.map(
      (r): ArrearsRow => ({
        memberId: r.member_id,
        orgId: r.org_id,
        orgPath: r.org_path,
        monthsUnpaid: r.n,
        owedFen: Number(r.owed),
        sinceMonth: ymOf(r.since),
        lastPaidMonth: r.last_paid ? ymOf(r.last_paid) : null,
      }),
    ),
  };
}

/** Who is behind in an org subtree (the branch or a whole committee), most months first. */
export async function listArrears(ctx: ActorCtx, q: { orgId: number; minMonths: number; page: number; pageSize: number }) {
  const org = await duesOrg(ctx.db, ctx, q.orgId);
  const { rows, total } = await arrearsRows(ctx.db, org.path, ctx.now(), {
    minMonths: q.minMonths,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const names = rows.length
    ? await ctx.db
        .select({ id: members.id, name: members.name, orgName: orgs.name })
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .where(
          inArray(
            members.id,
            rows.map((r) => r.memberId),
          ),
        )
    : [];
  const byId = new Map(names.map((n) => [n.id, n]));
  const rs = duesRulesetOn(chinaDay(ctx.now()));
  return {
    items: rows.map((r) => ({
      memberId: r.memberId,
      memberName: byId.get(r.memberId)?.name ?? '',
      orgId: r.orgId,
      orgName: byId.get(r.memberId)?.orgName ?? '',
      monthsUnpaid: r.monthsUnpaid,
      owedFen: r.owedFen,
      sinceMonth: r.sinceMonth,
      lastPaidMonth: r.lastPaidMonth,
      stage: arrearsStage(r.monthsUnpaid, rs),
    })),
    total,
  };
}

/**
 * The last month each member paid dues for (已缴/补缴/预缴), `YYYY-MM` or null — the lost-contact
 * rule of the relations module reads this (失联：最后一次参加组织生活或交纳党费的时间).
 */
export async function lastPaidDuesMonths(db: DbOrTx, memberIds: number[]): Promise<Map<number, string | null>> {
  const out = new Map<number, string | null>(memberIds.map((id) => [id, null]));
  if (memberIds.length === 0) return out;
  const res = await db.execute<{ member_id: number; last: string }>(sql`
    SELECT member_id, max(month)::text AS last FROM dues_bills
    WHERE member_id = ANY(${sql.raw(`ARRAY[${memberIds.map(Number).join(',')}]`)}::int[])
      AND status IN ('paid', 'backpaid', 'prepaid')
    GROUP BY member_id`);
  for (const r of res.rows) out.set(r.member_id, ymOf(r.last));
  return out;
}

/**
 * Periodic job (call it daily from the scheduler, like refreshTermReminders): finds members behind
 * on dues and writes, idempotently (source key per member, run start and stage):
 * 3 months → a reminder to the member; 5 → a to-do for the branch secretary; 6 → a 自行脱党
 * review case and to-dos for the secretary, the branch committee and the committee above.
 * Returns the number of to-dos and cases written.
 */
export async function refreshDuesArrears(db: DbOrTx, now: Date): Promise<{ todos: number; cases: number }> {
  const rs = duesRulesetOn(chinaDay(now)) ?? DUES_RULESETS[0];
  const { rows } = await arrearsRows(db, '/', now, { minMonths: rs.arrears.remindMember });
  if (rows.length === 0) return { todos: 0, cases: 0 };
  const ids = rows.map((r) => r.memberId);
  const people = await db
    .select({
      id: members.id,
      name: members.name,
      userId: members.userId,
      orgId: members.orgId,
      orgName: orgs.name,
      parentId: orgs.parentId,
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(inArray(members.id, ids));
  const byId = new Map(people.map((p) => [p.id, p]));
  const orgIds = [...new Set(people.flatMap((p) => [p.orgId, p.parentId ?? p.orgId]))];
  const grants = await db
    .select({ userId: roleGrants.userId, role: roleGrants.role, orgId: roleGrants.orgId })
    .from(roleGrants)
    .innerJoin(users, and(eq(users.id, roleGrants.userId), sql`${users.disabledAt} IS NULL`))
    .where(inArray(roleGrants.orgId, orgIds));
  const holders = (orgId: number | null, roles: string[]) =>
    grants.filter((g) => g.orgId === orgId && roles.includes(g.role)).map((g) => g.userId);

  const todos: TodoInput[] = [];
  const cases: (typeof duesWithdrawalCases.$inferInsert)[] = [];
  for (const r of rows) {
    const p = byId.get(r.memberId);
    if (!p) continue;
    const stage = arrearsStage(r.monthsUnpaid, rs);
    const key = (s: string) => `dues:arrears:${r.memberId}:${r.sinceMonth}:${s}`;
    // One arrears to-do per person and holder: the latest run and stage supersede the earlier ones.
    const supersedes = `dues:arrears:${r.memberId}:`;
    const link = `/admin/dues?tab=arrears&orgId=${p.orgId}`;
    const base = { since: r.sinceMonth, limit: rs.arrears.withdrawal, source: rs.source };
    if (p.userId) {
      todos.push({
        userId: p.userId,
        orgId: p.orgId,
        kind: 'todo',
        severity: stage === 'remind' ? 'warning' : 'danger',
        code: 'dues.arrears.remind',
        params: { ...base, n: rs.arrears.remindMember },
        link: '/m/dues',
        sourceKey: key('remind'),
        supersedes,
      });
    }
    if (stage === 'escalate') {
      for (const u of holders(p.orgId, ['branch_secretary'])) {
        todos.push({
          userId: u,
          orgId: p.orgId,
          kind: 'todo',
          severity: 'danger',
          code: 'dues.arrears.escalate',
          params: { ...base, name: p.name, n: rs.arrears.escalate },
          link,
          sourceKey: key('escalate'),
          supersedes,
        });
      }
    }
    if (stage === 'withdrawal') {
      cases.push({
        memberId: r.memberId,
        orgId: p.orgId,
        orgPath: r.orgPath,
        sinceMonth: monthDay(r.sinceMonth),
        monthsUnpaid: r.monthsUnpaid,
      });
      const reviewers = [
        ...new Set([...holders(p.orgId, ['branch_secretary', 'branch_committee']), ...holders(p.parentId, ['org_admin'])]),
      ];
      for (const u of reviewers) {
        todos.push({
          userId: u,
          orgId: p.orgId,
          kind: 'todo',
          severity: 'danger',
          code: 'dues.arrears.withdrawal',
          params: { ...base, name: p.name, n: r.monthsUnpaid },
          link: `/admin/dues?tab=cases&orgId=${p.orgId}`,
          sourceKey: key('withdrawal'),
          supersedes,
        });
      }
    }
  }
  let written = 0;
  for (let i = 0; i < todos.length; i += 1000) written += await addTodos(db, todos.slice(i, i + 1000), now);
  let opened = 0;
  for (let i = 0; i < cases.length; i += 1000) {
    const res = await db
      .insert(duesWithdrawalCases)
      .values(cases.slice(i, i + 1000))
      .onConflictDoNothing();
    opened += res.rowCount ?? 0;
  }
  return { todos: written, cases: opened };
}

export async function listCases(ctx: ActorCtx, orgId: number, status?: string) {
  const org = await duesOrg(ctx.db, ctx, orgId);
  const rows = await ctx.db
    .select({ c: duesWithdrawalCases, memberName: members.name, orgName: orgs.name })
    .from(duesWithdrawalCases)
    .innerJoin(members, eq(members.id, duesWithdrawalCases.memberId))
    .innerJoin(orgs, eq(orgs.id, duesWithdrawalCases.orgId))
    .where(
      and(sql`${duesWithdrawalCases.orgPath} LIKE ${likePrefix(org.path)}`, status ? eq(duesWithdrawalCases.status, status) : undefined),
    )
    .orderBy(desc(duesWithdrawalCases.createdAt))
    .limit(500);
  return rows.map(({ c, memberName, orgName }) => ({
    id: c.id,
    memberId: c.memberId,
    memberName,
    orgName,
    sinceMonth: ymOf(c.sinceMonth),
    monthsUnpaid: c.monthsUnpaid,
    status: c.status,
    outcome: c.outcome,
    decidedOn: c.decidedOn,
    approval: c.approval,
    resolution: c.resolution,
    createdAt: c.createdAt,
  }));
}

/**
 * Records the outcome of a 自行脱党 review. `continued`: a good reason was found or the member paid
 * up, and keeps membership. `removed`: the branch meeting decided, and the committee above approved,
 * to treat it as self-withdrawal (党章第九条) — the member's status becomes 出党 with a history row.
 */
export async function resolveCase(ctx: ActorCtx, id: number, input: CaseResolveInput) {
  const today = chinaDay(ctx.now());
  await ctx.db.transaction(async (tx) => {
    const [c] = await tx.select().from(duesWithdrawalCases).where(eq(duesWithdrawalCases.id, id)).for('update');
    if (!c) throw notFound('该审查事项');
    assertCan(ctx.actor, 'dues:collect', c.orgPath, '该审查事项');
    if (c.status !== 'open') throw conflict('该审查事项已办结');
    const decidedOn = input.decidedOn ?? today;
    if (decidedOn > today) throw invalid('decidedOn', '决定日期不能晚于今天');
    const approval = input.approval?.trim() || null;
    if (input.outcome === 'removed' && (!approval || approval.length < 4)) {
      throw invalid('approval', '按自行脱党除名须经支部大会讨论决定并报上级党组织批准，请填写支部大会决定和上级批准情况');
    }
    const [m] = await tx.select().from(members).where(eq(members.id, c.memberId)).for('update');
    if (input.outcome === 'removed') {
      if (m.status !== 'normal') throw conflict(`${m.name}的党籍状态已不是“正常”，不能再作除名处理`);
      await tx.update(members).set({ status: 'left', updatedAt: ctx.now() }).where(eq(members.id, m.id));
      await tx.insert(memberStatusHistory).values({
        memberId: m.id,
        field: 'status',
        fromValue: m.status,
        toValue: 'left',
        effectiveOn: decidedOn,
        reason: `自行脱党除名（连续 ${c.monthsUnpaid} 个月未交党费审查 #${id}；${approval}）`,
        actorId: ctx.actor.userId,
      });
    }
    const [after] = await tx
      .update(duesWithdrawalCases)
      .set({
        status: 'closed',
        outcome: input.outcome,
        resolution: input.resolution,
        decidedOn,
        approval,
        resolvedBy: ctx.actor.userId,
        resolvedAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .where(eq(duesWithdrawalCases.id, id))
      .returning();
    // The review to-dos of this run are done.
    await tx.execute(
      sql`UPDATE todos SET done_at = ${ctx.now()} WHERE source_key = ${`dues:arrears:${c.memberId}:${ymOf(c.sinceMonth)}:withdrawal`} AND done_at IS NULL`,
    );
    await audit(tx, ctx, {
      action: 'dues.case.resolve',
      entityType: 'dues_withdrawal_case',
      entityId: id,
      orgId: c.orgId,
      before: c,
      after,
    });
  });
  const [c] = await ctx.db.select({ orgId: duesWithdrawalCases.orgId }).from(duesWithdrawalCases).where(eq(duesWithdrawalCases.id, id));
  return (await listCases(ctx, c.orgId)).find((x) => x.id === id);
}
