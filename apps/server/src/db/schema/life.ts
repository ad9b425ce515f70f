import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

/**
 * Tables of the organizational-life module (三会一课, 主题党日, 组织生活会, 谈心谈话, 联席会议;
 * 民主评议党员 and the handling of 不合格 results). Scoped rows carry `org_path` so subtree reads
 * need no join.
 */

/** A meeting of one org (the host); a 联席会议 lists its other orgs in meeting_orgs. */
export const meetings = pgTable(
  'meetings',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    type: text('type').notNull(),
    topic: text('topic').notNull(),
    startsAt: tstz('starts_at').notNull(),
    endsAt: tstz('ends_at'),
    place: text('place').notNull(),
    /** 议程: what the meeting will discuss, told to the invited before it. */
    agenda: text('agenda'),
    chairMemberId: integer('chair_member_id'),
    recorderMemberId: integer('recorder_member_id'),
    /** How the invitees were chosen: { kind: 'members' | 'committee' | 'people' | 'orgs', … }. */
    invite: jsonb('invite').notNull(),
    /** The standing body a 联席会议 belongs to (e.g. 矿井安全生产联席会), for its open items. */
    jointBody: text('joint_body'),
    /** planned → held (minutes recorded) → published; or cancelled. */
    status: text('status').notNull().default('planned'),
    /** Minutes (内容) and resolutions (决议). */
    minutes: text('minutes'),
    resolutions: text('resolutions'),
    minutesAt: tstz('minutes_at'),
    publishedAt: tstz('published_at'),
    cancelledAt: tstz('cancelled_at'),
    cancelReason: text('cancel_reason'),
    /** Training minutes credited to each attendee (党课, 学习研讨, 现场教学). */
    hoursMinutes: integer('hours_minutes').notNull().default(0),
    /** Key of the rotating sign-in token and numeric code (HMAC); never leaves the server. */
    signKey: text('sign_key').notNull(),
    createdBy: integer('created_by'),
    ...timestamps(),
  },
  (t) => [
    index('meetings_path_starts_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.startsAt),
    index('meetings_starts_idx').on(t.startsAt),
    index('meetings_org_type_idx').on(t.orgId, t.type, t.startsAt),
  ],
);

/** Every org taking part in a meeting (the host included): scope for joint meetings. */
export const meetingOrgs = pgTable(
  'meeting_orgs',
  {
    id: id(),
    meetingId: integer('meeting_id').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('meeting_orgs_uniq').on(t.meetingId, t.orgId),
    index('meeting_orgs_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  ],
);

/**
 * Who is expected (snapshot taken when the meeting is planned or rescheduled). `excluded` holds
 * one of the five kinds of absentees (EXCLUSION_KINDS), approved by the secretary; `absentReason`
 * explains an absence after the meeting.
 */
export const meetingAttendees = pgTable(
  'meeting_attendees',
  {
    id: id(),
    meetingId: integer('meeting_id').notNull(),
    memberId: integer('member_id').notNull(),
    orgId: integer('org_id').notNull(),
    excluded: text('excluded'),
    absentReason: text('absent_reason'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('meeting_attendees_uniq').on(t.meetingId, t.memberId), index('meeting_attendees_member_idx').on(t.memberId)],
);

/** One sign-in per person and meeting (the unique index makes a retry idempotent). */
export const meetingSignins = pgTable(
  'meeting_signins',
  {
    id: id(),
    meetingId: integer('meeting_id').notNull(),
    memberId: integer('member_id').notNull(),
    /** When the person signed in (for a queued phone sign-in: when they scanned). */
    signedAt: tstz('signed_at').notNull(),
    /** qr | code | offline | manual */
    method: text('method').notNull(),
    /** The phone's id for this attempt: a replay with the same id returns the first result. */
    clientId: text('client_id'),
    /** For manual records: who recorded it and why. */
    recordedBy: integer('recorded_by'),
    reason: text('reason'),
    /**
     * Training minutes credited to this attendee when not the meeting's full hours_minutes (left
     * early, came late); null = the meeting's. Set by the secretary with a reason (hours_reason).
     */
    creditedMinutes: integer('credited_minutes'),
    hoursReason: text('hours_reason'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('meeting_signins_uniq').on(t.meetingId, t.memberId), index('meeting_signins_member_idx').on(t.memberId, t.signedAt)],
);

/** 请假: a member asks, the secretary approves or refuses. */
export const meetingLeaves = pgTable(
  'meeting_leaves',
  {
    id: id(),
    meetingId: integer('meeting_id').notNull(),
    memberId: integer('member_id').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('pending'),
    decidedBy: integer('decided_by'),
    decidedAt: tstz('decided_at'),
    note: text('note'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('meeting_leaves_uniq').on(t.meetingId, t.memberId)],
);

/** Photos and files of a meeting (platform/files ids). */
export const meetingFiles = pgTable(
  'meeting_files',
  {
    id: id(),
    meetingId: integer('meeting_id').notNull(),
    fileId: uuid('file_id').notNull(),
    kind: text('kind').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('meeting_files_uniq').on(t.meetingId, t.fileId)],
);

/** History of a meeting: planned, rescheduled (old and new time), cancelled, minutes, published. */
export const meetingEvents = pgTable(
  'meeting_events',
  {
    id: id(),
    meetingId: integer('meeting_id').notNull(),
    kind: text('kind').notNull(),
    at: tstz('at').notNull(),
    actorId: integer('actor_id'),
    details: jsonb('details').notNull().default({}),
    ...timestamps(),
  },
  (t) => [index('meeting_events_meeting_idx').on(t.meetingId, t.at)],
);

/** Action items from a meeting's resolutions (督办事项), owned by an org and optionally a person. */
export const actionItems = pgTable(
  'action_items',
  {
    id: id(),
    meetingId: integer('meeting_id').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    ownerMemberId: integer('owner_member_id'),
    title: text('title').notNull(),
    dueOn: date('due_on').notNull(),
    status: text('status').notNull().default('open'),
    doneAt: tstz('done_at'),
    doneNote: text('done_note'),
    ...timestamps(),
  },
  (t) => [
    index('action_items_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.status),
    index('action_items_meeting_idx').on(t.meetingId),
  ],
);

/**
 * Each member's last organizational-life date (the day of the latest meeting they signed in to).
 * The relations module's lost-contact rule (失联: no org life and no dues ≥ 6 months) reads it.
 */
export const memberLifeDates = pgTable('member_life_dates', {
  memberId: integer('member_id').primaryKey(),
  lastLifeOn: date('last_life_on').notNull(),
  ...timestamps(),
});

/** 民主评议党员: one yearly campaign per branch. */
export const appraisalCampaigns = pgTable(
  'appraisal_campaigns',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    year: integer('year').notNull(),
    /** open (self / mutual / mass evaluation) → closed (ballots counted) → determined. */
    status: text('status').notNull().default('open'),
    openedAt: tstz('opened_at').notNull(),
    closedAt: tstz('closed_at'),
    determinedAt: tstz('determined_at'),
    createdBy: integer('created_by'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('appraisal_campaigns_org_year_uniq').on(t.orgId, t.year)],
);

/** Members taking part; probationary members take part but get no grade. */
export const appraisalParticipants = pgTable(
  'appraisal_participants',
  {
    id: id(),
    campaignId: integer('campaign_id').notNull(),
    memberId: integer('member_id').notNull(),
    category: text('category').notNull(),
    selfSummary: text('self_summary'),
    selfAt: tstz('self_at'),
    /** The branch's determination (null for probationary members). */
    grade: text('grade'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('appraisal_participants_uniq').on(t.campaignId, t.memberId),
    index('appraisal_participants_member_idx').on(t.memberId),
  ],
);

/**
 * Who has cast their mutual-evaluation ballot (to refuse a second one). It holds no rating:
 * ratings go straight into appraisal_tallies as counts, so no stored row ever joins a rating to
 * its rater (RULES.md §Security: ballots).
 */
export const appraisalVoters = pgTable(
  'appraisal_voters',
  {
    id: id(),
    campaignId: integer('campaign_id').notNull(),
    memberId: integer('member_id').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('appraisal_voters_uniq').on(t.campaignId, t.memberId)],
);

/**
 * Counts per ratee, source (mutual | mass) and grade. Timestamps are the campaign's opening time,
 * never the vote's, so row times cannot be matched to a voter.
 */
export const appraisalTallies = pgTable(
  'appraisal_tallies',
  {
    id: id(),
    campaignId: integer('campaign_id').notNull(),
    memberId: integer('member_id').notNull(),
    source: text('source').notNull(),
    grade: text('grade').notNull(),
    votes: integer('votes').notNull().default(0),
    ...timestamps(),
  },
  (t) => [uniqueIndex('appraisal_tallies_uniq').on(t.campaignId, t.memberId, t.source, t.grade)],
);

/** 不合格党员组织处置 (2024): measure, deadline, follow-ups until closed. */
export const unqualifiedCases = pgTable(
  'unqualified_cases',
  {
    id: id(),
    memberId: integer('member_id').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    campaignId: integer('campaign_id'),
    measure: text('measure').notNull(),
    deadlineOn: date('deadline_on'),
    status: text('status').notNull().default('open'),
    followUps: jsonb('follow_ups').$type<{ on: string; note: string; by: number | null }[]>().notNull().default([]),
    outcome: text('outcome'),
    closedAt: tstz('closed_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('unqualified_cases_campaign_member_uniq').on(t.campaignId, t.memberId),
    index('unqualified_cases_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.status),
  ],
);
