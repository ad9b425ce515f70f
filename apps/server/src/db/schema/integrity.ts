import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

/**
 * Tables of the integrity area (党风廉政, issue 19): 三重一大 matters with their ordered steps, the
 * committee members' opinions and the publication with its reads; discipline records (encrypted).
 */

/** A 三重一大 matter of a committee (党委 / 党总支). */
export const decisionMatters = pgTable(
  'decision_matters',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    /** 金额（元） for funds and projects; compared with the group's large-amount threshold. */
    amountYuan: bigint('amount_yuan', { mode: 'number' }),
    /** The decision ruleset version the matter follows (from the day it was recorded). */
    rulesVersion: text('rules_version').notNull(),
    /** open → decided (表决通过) | rejected (未通过) → published → closed (反馈 recorded). */
    status: text('status').notNull().default('open'),
    /** The 集体讨论 meeting (life module) and its committee counts, fixed when the step is recorded. */
    meetingId: integer('meeting_id'),
    committeeSize: integer('committee_size'),
    presentCount: integer('present_count'),
    agreeCount: integer('agree_count'),
    passed: text('passed'),
    createdBy: integer('created_by'),
    ...timestamps(),
  },
  (t) => [index('decision_matters_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.id)],
);

/** One recorded step of a matter's procedure: date, people, documents, note. */
export const decisionSteps = pgTable(
  'decision_steps',
  {
    id: id(),
    matterId: integer('matter_id').notNull(),
    step: text('step').notNull(),
    doneOn: date('done_on').notNull(),
    people: text('people').notNull(),
    note: text('note'),
    fileIds: jsonb('file_ids').$type<number[]>().notNull().default([]),
    recordedBy: integer('recorded_by'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('decision_steps_uniq').on(t.matterId, t.step)],
);

/** 表决: each present committee member's opinion, in the order stated (末位表态). A 不同意 stays with its reason. */
export const decisionOpinions = pgTable(
  'decision_opinions',
  {
    id: id(),
    matterId: integer('matter_id').notNull(),
    memberId: integer('member_id').notNull(),
    position: integer('position').notNull(),
    opinion: text('opinion').notNull(),
    reason: text('reason'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('decision_opinions_uniq').on(t.matterId, t.memberId)],
);

/** 党务公开 of a decided matter: an org subtree, optionally only holders of some roles there. */
export const decisionPublications = pgTable(
  'decision_publications',
  {
    id: id(),
    matterId: integer('matter_id').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    roles: jsonb('roles').$type<string[]>().notNull().default([]),
    body: text('body').notNull(),
    publishedAt: tstz('published_at').notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('decision_publications_matter_uniq').on(t.matterId),
    index('decision_publications_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  ],
);

/** Who read a publication (read statistics). */
export const decisionReads = pgTable(
  'decision_reads',
  {
    id: id(),
    publicationId: integer('publication_id').notNull(),
    userId: integer('user_id').notNull(),
    readAt: tstz('read_at').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('decision_reads_uniq').on(t.publicationId, t.userId)],
);

/**
 * 党纪处分 and 组织处理 of a member. Kind, document number, reason and dates are encrypted (the
 * `discipline` purpose); `effect` and the period's dates stay plain so the vote rules can count
 * members under 留党察看 on a day in SQL (they say that a period exists, not why).
 */
export const disciplineRecords = pgTable(
  'discipline_records',
  {
    id: id(),
    memberId: integer('member_id').notNull(),
    orgPath: text('org_path').notNull(),
    /** Encrypted JSON { kind, docNo, reason, decidedOn }. */
    detail: text('detail').notNull(),
    /** no_vote (留党察看) | expelled (开除党籍) | none. */
    effect: text('effect').notNull(),
    effectFrom: date('effect_from').notNull(),
    effectUntil: date('effect_until'),
    recordedBy: integer('recorded_by'),
    ...timestamps(),
  },
  (t) => [
    index('discipline_records_member_idx').on(t.memberId),
    index('discipline_records_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  ],
);
