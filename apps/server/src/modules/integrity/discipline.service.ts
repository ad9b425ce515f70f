import {
  chinaDay,
  DISCIPLINE_KINDS,
  DISCIPLINE_RULESETS,
  type DisciplineKind,
  effectOf,
  maskAs,
  probationPeriod,
  withoutVoteOn,
} from '@vanguard/shared';
import type { DisciplineCreateInput, DisciplineListQuery } from '@vanguard/shared/api/discipline';
import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import { disciplineRecords, memberStatusHistory, members, orgs } from '../../db/schema/index.js';
import { DISCIPLINE_RECORDS, MEMBERS } from '../../platform/access/gates.js';
import { loadFor, orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';

type Row = typeof disciplineRecords.$inferSelect;
type Detail = { kind: DisciplineKind; docNo: string; reason: string; decidedOn: string };

/** Only the 纪委 and the org department over the member's org read a record: anyone else is told it is not there. */
const readable = (ctx: ActorCtx) => inScope(disciplineRecords.orgPath, scopeOf(ctx.actor, 'discipline:read'));

function toDto(ctx: ActorCtx, r: Row, memberName: string, reveal: boolean) {
  const d = JSON.parse(ctx.ciphers.members.decrypt(r.detail)) as Detail;
  const today = chinaDay(ctx.now());
  return {
    id: r.id,
    memberId: r.memberId,
    memberName: reveal ? memberName : (maskAs('name', memberName) ?? ''),
    kind: d.kind,
    kindName: DISCIPLINE_KINDS[d.kind] ?? d.kind,
    docNo: reveal ? d.docNo : (maskAs('name', d.docNo) ?? ''),
    reason: reveal ? d.reason : '******',
    decidedOn: d.decidedOn,
    effect: r.effect,
    effectFrom: r.effectFrom,
    effectUntil: r.effectUntil,
    inForce: r.effect === 'no_vote' ? withoutVoteOn(r, today) : r.effect === 'expelled',
    createdAt: r.createdAt,
  };
}

/**
 * Records a 党纪处分: encrypted at rest; 留党察看 bars the member's vote for its 1 or 2 years (to the
 * day); 开除党籍 ends membership with a status-history row.
 */
export async function recordDiscipline(ctx: ActorCtx, input: DisciplineCreateInput) {
  const rules = DISCIPLINE_RULESETS[DISCIPLINE_RULESETS.length - 1];
  const row = await ctx.db.transaction(async (tx) => {
    const m = await loadFor(ctx, MEMBERS, input.memberId, 'discipline:record', { db: tx, lock: true, field: 'memberId' });
    if (input.decidedOn > chinaDay(ctx.now())) throw invalid('decidedOn', '处分决定日期不能晚于今天');
    let until: string | null = null;
    if (input.kind === 'probation') {
      if (!input.periodYears || !rules.probationYears.includes(input.periodYears))
        throw invalid('periodYears', '留党察看期限应为一年或两年');
      until = probationPeriod(input.decidedOn, input.periodYears).until;
    } else if (input.periodYears !== undefined) throw invalid('periodYears', '只有留党察看有察看期限');
    if (input.endsOn !== undefined) {
      if (input.endsOn < input.decidedOn) throw invalid('endsOn', '期满日期不能早于处分决定日期');
      if (input.kind === 'probation') throw invalid('endsOn', '留党察看的期满日期由期限计算');
      until = input.endsOn;
    }
    if (input.kind === 'expulsion' && m.status !== 'normal') throw invalid('memberId', `${m.name}已不在正常党籍状态`);
    const detail: Detail = { kind: input.kind, docNo: input.docNo, reason: input.reason, decidedOn: input.decidedOn };
    const [r] = await tx
      .insert(disciplineRecords)
      .values({
        memberId: m.id,
        orgPath: m.orgPath,
        detail: ctx.ciphers.members.encrypt(JSON.stringify(detail)),
        effect: effectOf(input.kind),
        effectFrom: input.decidedOn,
        effectUntil: until,
        recordedBy: ctx.actor.userId,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .returning();
    if (input.kind === 'expulsion') {
      await tx.update(members).set({ status: 'left', updatedAt: ctx.now() }).where(eq(members.id, m.id));
      await tx.insert(memberStatusHistory).values({
        memberId: m.id,
        field: 'status',
        fromValue: m.status,
        toValue: 'left',
        effectiveOn: input.decidedOn,
        reason: '开除党籍',
        actorId: ctx.actor.userId,
      });
    }
    // The audit row names the record and its effect, never its content (the discipline key is masked).
    await audit(tx, ctx, {
      action: 'discipline.record',
      entityType: 'discipline_record',
      entityId: r.id,
      after: { memberId: m.id, effect: r.effect },
    });
    return { r, name: m.name };
  });
  return toDto(ctx, row.r, row.name, true);
}

/** One record, revealed, for the 纪委 and the org department over the member; 404 for anyone else. */
export async function getDiscipline(ctx: ActorCtx, id: number) {
  const r = await loadFor(ctx, DISCIPLINE_RECORDS, id, null, { where: readable(ctx) });
  const [m] = await ctx.db.select({ name: members.name }).from(members).where(eq(members.id, r.memberId));
  await audit(ctx.db, ctx, { action: 'discipline.read', entityType: 'discipline_record', entityId: r.id });
  return toDto(ctx, r, m?.name ?? '', true);
}

/** Records in an org's subtree, masked (names, document numbers and reasons), newest first. */
export async function listDiscipline(ctx: ActorCtx, q: DisciplineListQuery) {
  const org = await orgFor(ctx, q.orgId, 'discipline:read', { dissolved: true });
  const where = and(readable(ctx), sql`${disciplineRecords.orgPath} LIKE ${`${org.path}%`}`) as SQL;
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({ r: disciplineRecords, name: members.name })
      .from(disciplineRecords)
      .innerJoin(members, eq(members.id, disciplineRecords.memberId))
      .where(where)
      .orderBy(desc(disciplineRecords.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(disciplineRecords).where(where),
  ]);
  return { items: rows.map((x) => toDto(ctx, x.r, x.name, false)), total };
}

/** Members of an org subtree a handler may record a measure for (name search), at most 20. */
export async function disciplineCandidates(ctx: ActorCtx, q: { orgId: number; q?: string }) {
  const org = await orgFor(ctx, q.orgId, 'discipline:record');
  return ctx.db
    .select({ id: members.id, name: members.name, orgName: orgs.name })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        inScope(members.orgPath, scopeOf(ctx.actor, 'discipline:record')),
        sql`${members.orgPath} LIKE ${`${org.path}%`}`,
        eq(members.status, 'normal'),
        q.q ? sql`${members.name} LIKE ${`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : undefined,
      ),
    )
    .orderBy(members.name, members.id)
    .limit(20);
}
