import { CONVERSION_STEPS, RECRUITMENT_RULESETS, type RecruitmentRuleset } from '@vanguard/shared';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { files, members, orgs, type recruitmentCases, recruitmentSteps } from '../../db/schema/index.js';
import type { ActorCtx } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { fileUsable } from './recruitment.policy.js';

// Shared by the recruitment services: the case row, scope checks and the step lookups.

export type CaseRow = typeof recruitmentCases.$inferSelect;

/** `column = ANY($1)` with the ids as one array parameter (a list of thousands of parameters is slow to plan). */
export const anyId = (column: AnyPgColumn, ids: number[]) => sql`${column} = ANY(${sql.param(ids)}::int[])`;

/** A validation error listing the rule problems (the first one as its message). */
/** A validation error on one field. */
export const one = (path: string, message: string) => invalid([{ path, message }]);

/** The ruleset a case was opened under (it keeps it to the end). */
export function rulesetOf(c: Pick<CaseRow, 'rulesetVersion'>): RecruitmentRuleset {
  return RECRUITMENT_RULESETS.find((r) => r.version === c.rulesetVersion) ?? RECRUITMENT_RULESETS[0];
}

/** Files attached to a step: they must exist and be the actor's own uploads or inside what they can see. */
export async function checkFiles(tx: DbOrTx, ctx: ActorCtx, ids: string[]) {
  if (ids.length === 0) return;
  const rows = await tx
    .select({ id: files.id, ownerId: files.ownerId, path: orgs.path })
    .from(files)
    .leftJoin(orgs, eq(orgs.id, files.orgId))
    .where(inArray(files.id, ids));
  ids.forEach((id, i) => {
    if (
      !fileUsable(
        ctx.actor,
        rows.find((r) => r.id === id),
      )
    )
      throw one(`fileIds.${i}`, '附件不存在或无权使用');
  });
}

/** Full members in normal standing of the case's branch: those entitled to vote. */
export async function fullMembersOf(db: DbOrTx, orgPath: string) {
  return db
    .select({ id: members.id, name: members.name, orgName: orgs.name })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(sql`${members.orgPath} LIKE ${`${orgPath}%`}`, eq(members.category, 'full'), eq(members.status, 'normal')))
    .orderBy(asc(members.name), asc(members.id));
}

/** The round a step belongs to: steps 22–25 repeat after an extension of the probation, the others are round 0. */
export const roundOf = (stepNo: number, c: CaseRow) =>
  (CONVERSION_STEPS as readonly number[]).includes(stepNo) || stepNo === 25 ? c.round : 0;

/** The step record of a case in its current round (steps 22–24 repeat after an extension). */
export async function stepRecord(tx: DbOrTx, c: CaseRow, stepNo: number) {
  const [s] = await tx
    .select()
    .from(recruitmentSteps)
    .where(and(eq(recruitmentSteps.caseId, c.id), eq(recruitmentSteps.stepNo, stepNo), eq(recruitmentSteps.round, roundOf(stepNo, c))));
  return s;
}
