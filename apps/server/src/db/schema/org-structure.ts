import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

/**
 * Work units (所在单位): a mine's team, a department. A branch covers one unit, a joint branch up
 * to five (支部工作条例 第五条); the formation rules count full members per unit.
 */
export const units = pgTable(
  'units',
  {
    id: id(),
    name: text('name').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    ...timestamps(),
  },
  (t) => [index('units_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`)],
);

/** History of every structural change to an org: create, update, move, upgrade, merge, dissolve. */
export const orgEvents = pgTable(
  'org_events',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    kind: text('kind').notNull(),
    at: tstz('at').notNull(),
    actorId: integer('actor_id'),
    docNo: text('doc_no'),
    details: jsonb('details').notNull().default({}),
    ...timestamps(),
  },
  (t) => [index('org_events_org_idx').on(t.orgId, t.at)],
);

/** A leadership team's term (班子任期): 5 years for a primary committee, 3 for a branch (ruleset). */
export const leadershipTerms = pgTable(
  'leadership_terms',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    startedOn: date('started_on').notNull(),
    endsOn: date('ends_on').notNull(),
    years: integer('years').notNull(),
    electedHow: text('elected_how').notNull().default('election'),
    docNo: text('doc_no'),
    endedOn: date('ended_on'),
    ...timestamps(),
  },
  (t) => [
    index('leadership_terms_org_idx').on(t.orgId),
    index('leadership_terms_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  ],
);

/** Who holds which post in a term (书记, 副书记, 组织委员, 宣传委员, 纪检委员…). */
export const leadershipMembers = pgTable(
  'leadership_members',
  {
    id: id(),
    termId: integer('term_id').notNull(),
    memberId: integer('member_id').notNull(),
    post: text('post').notNull(),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
    ...timestamps(),
  },
  (t) => [index('leadership_members_term_idx').on(t.termId), index('leadership_members_member_idx').on(t.memberId)],
);

/** 党员先锋岗 (a post) and 党员责任区 (an area underground) assigned to a member. */
export const pioneerPosts = pgTable(
  'pioneer_posts',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    memberId: integer('member_id').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    location: text('location'),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
    ...timestamps(),
  },
  (t) => [
    index('pioneer_posts_org_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
    index('pioneer_posts_member_idx').on(t.memberId),
  ],
);
