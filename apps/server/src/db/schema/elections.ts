import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.js';

/**
 * Tables of the elections module (选举与表决). Who voted (`election_voters`) and what was voted (the ballot
 * box, `election_board` events of kind `ballot`) share nothing but the election: no voter id on a ballot, no
 * ballot id on a voter, no time finer than the day on either, no sequence by voter (the voters' rows are made
 * at the freeze, in member order). At the close both are rewritten in one statement each so the rows'
 * transaction ids (xmin) no longer pair a voter's mark with a ballot (docs/ARCHITECTURE.md §Elections).
 */
export const elections = pgTable(
  'elections',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    /** branch (支部委员会) for now; worker-representative and polls are the same engine, other rulesets. */
    kind: text('kind').notNull().default('branch'),
    seats: integer('seats').notNull(),
    rulesetVersion: text('ruleset_version').notNull(),
    /** draft → approved → frozen → ready (key made) → open → closed → released */
    status: text('status').notNull().default('draft'),
    rollOn: date('roll_on').notNull(),
    tellerCount: integer('teller_count').notNull(),
    threshold: integer('threshold').notNull(),
    publicKey: text('public_key'),
    approvedBy: integer('approved_by'),
    approvedOn: date('approved_on'),
    /** Kept from the result: seats left unfilled and the presiding committee's decision (another round | fewer seats). */
    result: jsonb('result'),
    shortfallDecision: text('shortfall_decision'),
    ...timestamps(),
  },
  (t) => [index('elections_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.status)],
);

export const electionCandidates = pgTable(
  'election_candidates',
  {
    id: id(),
    electionId: integer('election_id').notNull(),
    memberId: integer('member_id').notNull(),
    name: text('name').notNull(),
    /** The ballot order: by the strokes of the surname (笔画顺序). */
    position: integer('position').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('election_candidates_uq').on(t.electionId, t.memberId)],
);

/** The electoral roll and who has voted: no timestamps beyond the day, nothing pointing at a ballot. */
export const electionVoters = pgTable(
  'election_voters',
  {
    id: id(),
    electionId: integer('election_id').notNull(),
    memberId: integer('member_id').notNull(),
    /** An approved exclusion from the quorum (the five kinds of absentees, 2024 rules). */
    excludedReason: text('excluded_reason'),
    checkedIn: boolean('checked_in').notNull().default(false),
    /** online | paper */
    channel: text('channel'),
    votedOn: date('voted_on'),
  },
  (t) => [uniqueIndex('election_voters_uq').on(t.electionId, t.memberId)],
);

export const electionTellers = pgTable(
  'election_tellers',
  {
    id: id(),
    electionId: integer('election_id').notNull(),
    memberId: integer('member_id').notNull(),
    /** 1..n, the x of the teller's share */
    index: integer('index').notNull(),
    hasKey: boolean('has_key').notNull().default(false),
    hasDealt: boolean('has_dealt').notNull().default(false),
    hasShare: boolean('has_share').notNull().default(false),
    /** The teller's independent entry of the paper ballots: { valid, invalid, votes[] }. */
    paperCount: jsonb('paper_count'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('election_tellers_uq').on(t.electionId, t.memberId),
    uniqueIndex('election_tellers_idx_uq').on(t.electionId, t.index),
  ],
);

/** The bulletin board, hash-chained; its `ballot` events are the ballot box. */
export const electionBoard = pgTable(
  'election_board',
  {
    electionId: integer('election_id').notNull(),
    seq: integer('seq').notNull(),
    kind: text('kind').notNull(),
    data: jsonb('data').notNull(),
    prev: text('prev').notNull(),
    hash: text('hash').notNull(),
    /** Only the day (China time). */
    onDay: date('on_day').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.electionId, t.seq] }),
    uniqueIndex('election_board_tracker_uq').on(t.electionId, sql`(${t.data}->>'tracker')`).where(sql`${t.kind} = 'ballot'`),
  ],
);
