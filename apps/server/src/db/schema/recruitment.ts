import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

/**
 * One person's way into the Party (发展党员): from the application to full membership, in the
 * branch that develops them. `org_path` is copied from the org so subtree boards need no join.
 * The dates of the milestones are copied from the steps for the board and the time rules.
 */
export const recruitmentCases = pgTable(
  'recruitment_cases',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    /** The worker (职工群众) this person was, if they were one. */
    workerId: integer('worker_id'),
    /** The member archive record, from admission on. */
    memberId: integer('member_id'),
    name: text('name').notNull(),
    sex: text('sex').notNull(),
    birthDate: date('birth_date').notNull(),
    idNumberEnc: text('id_number_enc'),
    idNumberBi: text('id_number_bi'),
    education: text('education'),
    post: text('post'),
    rulesetVersion: text('ruleset_version').notNull(),
    /** active → completed (正式党员) | cancelled (取消预备党员资格) | stopped (政审不合格 etc.). */
    status: text('status').notNull().default('active'),
    /** The last step done (0–25) and the conversion round (1 after an extended probation). */
    lastStep: integer('last_step').notNull().default(0),
    round: integer('round').notNull().default(0),
    appliedOn: date('applied_on').notNull(),
    activistOn: date('activist_on'),
    targetOn: date('target_on'),
    admittedOn: date('admitted_on'),
    probationEndsOn: date('probation_ends_on'),
    extensionMonths: integer('extension_months'),
    fullOn: date('full_on'),
    endedOn: date('ended_on'),
    endReason: text('end_reason'),
    ...timestamps(),
  },
  (t) => [
    index('recruitment_cases_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.status),
    uniqueIndex('recruitment_cases_worker_idx').on(t.workerId).where(sql`${t.workerId} IS NOT NULL AND ${t.status} = 'active'`),
    uniqueIndex('recruitment_cases_id_number_idx').on(t.idNumberBi).where(sql`${t.idNumberBi} IS NOT NULL AND ${t.status} = 'active'`),
  ],
);

/**
 * One of the 25 steps, done: its date, the people in it (contacts, sponsors, talkers), the
 * system-filled form, uploaded files and who confirmed it. Steps 22–24 repeat in round 1 after an
 * extension.
 */
export const recruitmentSteps = pgTable(
  'recruitment_steps',
  {
    id: id(),
    caseId: integer('case_id').notNull(),
    stepNo: integer('step_no').notNull(),
    round: integer('round').notNull().default(0),
    doneOn: date('done_on').notNull(),
    /** Free-text actors (谈话人, 主持人…). */
    actors: text('actors'),
    /** Members in a role: [{ memberId, name, role }] (培养联系人, 入党介绍人). */
    people: jsonb('people').$type<{ memberId: number; name: string; role: string }[]>().notNull().default([]),
    form: jsonb('form').$type<Record<string, unknown>>().notNull().default({}),
    fileIds: text('file_ids').array().notNull().default(sql`'{}'::text[]`),
    note: text('note'),
    /** Done after its deadline (e.g. the talk more than a month after the application). */
    late: boolean('late').notNull().default(false),
    confirmedBy: integer('confirmed_by').notNull(),
    confirmedAt: tstz('confirmed_at').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('recruitment_steps_case_step_idx').on(t.caseId, t.stepNo, t.round)],
);

/** Periodic records: branch reviews (每半年考察) and thought reports (思想汇报). */
export const recruitmentChecks = pgTable(
  'recruitment_checks',
  {
    id: id(),
    caseId: integer('case_id').notNull(),
    kind: text('kind').notNull(),
    doneOn: date('done_on').notNull(),
    note: text('note'),
    fileIds: text('file_ids').array().notNull().default(sql`'{}'::text[]`),
    recordedBy: integer('recorded_by').notNull(),
    ...timestamps(),
  },
  (t) => [index('recruitment_checks_case_idx').on(t.caseId, t.kind, t.doneOn)],
);

/** Votes at the branch general meeting (admission: step 15; conversion: step 23), passed or not. */
export const recruitmentVotes = pgTable(
  'recruitment_votes',
  {
    id: id(),
    caseId: integer('case_id').notNull(),
    stepNo: integer('step_no').notNull(),
    round: integer('round').notNull().default(0),
    meetingOn: date('meeting_on').notNull(),
    fullMembers: integer('full_members').notNull(),
    excluded: integer('excluded').notNull(),
    entitled: integer('entitled').notNull(),
    present: integer('present').notNull(),
    forCount: integer('for_count').notNull(),
    againstCount: integer('against_count').notNull(),
    abstainCount: integer('abstain_count').notNull(),
    absentOpinionsFor: integer('absent_opinions_for').notNull(),
    absentees: jsonb('absentees').notNull().default([]),
    passed: boolean('passed').notNull(),
    recordedBy: integer('recorded_by').notNull(),
    ...timestamps(),
  },
  (t) => [index('recruitment_votes_case_idx').on(t.caseId)],
);

/** 年度发展计划 of a branch: planned counts, compared with what was done. */
export const recruitmentPlans = pgTable(
  'recruitment_plans',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    year: integer('year').notNull(),
    activists: integer('activists').notNull().default(0),
    targets: integer('targets').notNull().default(0),
    admissions: integer('admissions').notNull().default(0),
    conversions: integer('conversions').notNull().default(0),
    note: text('note'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('recruitment_plans_org_year_idx').on(t.orgId, t.year),
    index('recruitment_plans_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  ],
);
