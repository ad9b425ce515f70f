import {
  DECISION_KINDS,
  DECISION_RULESETS,
  DECISION_STEPS,
  type DecisionKind,
  type DecisionStep,
  decisionRulesetOn,
  OPINIONS,
  requiredSteps,
  secretaryLast,
} from '@vanguard/shared';
import type { MatterDto } from '@vanguard/shared/api/decisions';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  type decisionMatters,
  decisionOpinions,
  decisionPublications,
  decisionSteps,
  leadershipMembers,
  leadershipTerms,
  members,
  orgs,
} from '../../db/schema/index.js';
import { getSetting } from '../../platform/settings.js';
import { meetingPresence } from '../life/index.js';

export type MatterRow = typeof decisionMatters.$inferSelect;

/** The committee of an org now: the members of its current leadership term (班子成员). */
export async function committeeOf(db: DbOrTx, orgId: number) {
  return db
    .select({ memberId: members.id, name: members.name, post: leadershipMembers.post })
    .from(leadershipMembers)
    .innerJoin(leadershipTerms, eq(leadershipTerms.id, leadershipMembers.termId))
    .innerJoin(members, eq(members.id, leadershipMembers.memberId))
    .where(
      and(
        eq(leadershipTerms.orgId, orgId),
        isNull(leadershipTerms.endedOn),
        isNull(leadershipMembers.endedOn),
        eq(members.status, 'normal'),
      ),
    )
    .orderBy(asc(leadershipMembers.id));
}

export const secretaryOf = (committee: { memberId: number; post: string }[]) =>
  committee.find((c) => c.post === 'secretary')?.memberId ?? null;

/** The group's 大额度 threshold (yuan): the setting, else the ruleset's. */
export async function largeAmountYuan(db: DbOrTx): Promise<number> {
  return (await getSetting(db, 'decisions.largeAmountYuan')) ?? DECISION_RULESETS[DECISION_RULESETS.length - 1].largeAmountYuan;
}

export const rulesOf = (m: Pick<MatterRow, 'rulesVersion'>) =>
  DECISION_RULESETS.find((r) => r.version === m.rulesVersion) ?? decisionRulesetOn('9999-12-31');

/**
 * Who a publication reaches: the holders of a role (any, or one of `roles`) on an org in its
 * subtree — the same people `notify` tells. SQL giving user ids.
 */
export const audienceSql = (orgPath: string, roles: string[]) =>
  sql`SELECT DISTINCT g.user_id FROM role_grants g JOIN orgs o ON o.id = g.org_id JOIN users u ON u.id = g.user_id AND u.disabled_at IS NULL
      WHERE o.path LIKE ${`${orgPath}%`} ${roles.length ? sql`AND g.role = ANY(${sql.param(roles)}::text[])` : sql``}`;

/** The whole matter as the page shows it. */
export async function matterDto(db: DbOrTx, m: MatterRow): Promise<MatterDto> {
  const [[org], steps, opinions, committee, [pub], threshold] = await Promise.all([
    db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, m.orgId)),
    db.select().from(decisionSteps).where(eq(decisionSteps.matterId, m.id)),
    db
      .select({
        memberId: decisionOpinions.memberId,
        name: members.name,
        position: decisionOpinions.position,
        opinion: decisionOpinions.opinion,
        reason: decisionOpinions.reason,
      })
      .from(decisionOpinions)
      .innerJoin(members, eq(members.id, decisionOpinions.memberId))
      .where(eq(decisionOpinions.matterId, m.id))
      .orderBy(asc(decisionOpinions.position)),
    committeeOf(db, m.orgId),
    db
      .select({ p: decisionPublications, orgName: orgs.name })
      .from(decisionPublications)
      .innerJoin(orgs, eq(orgs.id, decisionPublications.orgId))
      .where(eq(decisionPublications.matterId, m.id)),
    largeAmountYuan(db),
  ]);
  const rules = rulesOf(m);
  const done = new Set(steps.map((s) => s.step));
  const secretary = secretaryOf(committee);
  let publication: MatterDto['publication'] = null;
  if (pub) {
    const [{ audience, reads }] = (
      await db.execute<{ audience: number; reads: number }>(
        sql`SELECT (SELECT count(*) FROM (${audienceSql(pub.p.orgPath, pub.p.roles)}) a)::int AS audience,
                   (SELECT count(*) FROM decision_reads r WHERE r.publication_id = ${pub.p.id})::int AS reads`,
      )
    ).rows;
    publication = {
      id: pub.p.id,
      orgName: pub.orgName,
      roles: pub.p.roles,
      body: pub.p.body,
      publishedAt: pub.p.publishedAt,
      audience,
      reads,
    };
  }
  const meeting = m.meetingId ? await meetingPresence(db, m.meetingId) : undefined;
  const present = meeting ? new Set(meeting.presentMemberIds) : null;
  return {
    id: m.id,
    orgId: m.orgId,
    orgName: org?.name ?? '',
    kind: m.kind,
    kindName: DECISION_KINDS[m.kind as DecisionKind] ?? m.kind,
    title: m.title,
    summary: m.summary,
    amountYuan: m.amountYuan,
    largeAmount: m.amountYuan !== null && m.amountYuan >= threshold,
    status: m.status,
    rulesVersion: m.rulesVersion,
    meetingId: m.meetingId,
    committeeSize: m.committeeSize,
    presentCount: m.presentCount,
    agreeCount: m.agreeCount,
    passed: m.passed === null ? null : m.passed === 'yes',
    required: requiredSteps(m.kind as DecisionKind, rules).map((s) => ({ step: s, stepName: DECISION_STEPS[s], done: done.has(s) })),
    steps: steps
      .sort((a, b) => Object.keys(DECISION_STEPS).indexOf(a.step) - Object.keys(DECISION_STEPS).indexOf(b.step))
      .map((s) => ({
        step: s.step,
        stepName: DECISION_STEPS[s.step as DecisionStep] ?? s.step,
        doneOn: s.doneOn,
        people: s.people,
        note: s.note,
        fileIds: s.fileIds,
      })),
    opinions: opinions.map((o) => ({
      memberId: o.memberId,
      memberName: o.name,
      position: o.position,
      opinion: o.opinion,
      opinionName: OPINIONS[o.opinion as keyof typeof OPINIONS] ?? o.opinion,
      reason: o.reason,
      isSecretary: o.memberId === secretary,
    })),
    secretaryLast: secretaryLast(
      opinions.map((o) => o.memberId),
      secretary,
    ),
    committee: committee.map((c) => ({ ...c, present: present ? present.has(c.memberId) : null })),
    publication,
    createdAt: m.createdAt,
  };
}
