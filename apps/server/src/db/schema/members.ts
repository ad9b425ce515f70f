import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

/**
 * Member archive (the core the later modules read). Sensitive fields are stored encrypted
 * (`*_enc`) with a blind index (`*_bi`) for exact search (ARCHITECTURE.md §Sensitive fields).
 * `org_path` is copied from the org so subtree lists need no join.
 */
export const members = pgTable(
  'members',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    userId: integer('user_id'),
    name: text('name').notNull(),
    sex: text('sex').notNull(),
    ethnicity: text('ethnicity').notNull().default('汉族'),
    birthDate: date('birth_date').notNull(),
    nativePlace: text('native_place'),
    education: text('education'),
    degree: text('degree'),
    post: text('post'),
    jobTitle: text('job_title'),
    unitId: integer('unit_id'),
    joinedWorkOn: date('joined_work_on'),
    photoFileId: uuid('photo_file_id'),
    /** Full pinyin and initials of the name (pinyin-pro), for `zhangwei` / `zw` search. */
    namePinyin: text('name_pinyin'),
    nameInitials: text('name_initials'),
    category: text('category').notNull(),
    status: text('status').notNull().default('normal'),
    appliedOn: date('applied_on'),
    admittedOn: date('admitted_on'),
    fullOn: date('full_on'),
    labels: text('labels').array().notNull().default(sql`'{}'::text[]`),
    idNumberEnc: text('id_number_enc'),
    idNumberBi: text('id_number_bi'),
    phoneEnc: text('phone_enc'),
    phoneBi: text('phone_bi'),
    addressEnc: text('address_enc'),
    healthEnc: text('health_enc'),
    ...timestamps(),
  },
  (t) => [
    index('members_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    // Trigrams need 3 characters; a 1–2 character search (王, 王伟) finds its rows by their characters.
    index('members_name_chars_idx').using('gin', sql`string_to_array(${t.name}, NULL)`),
    index('members_name_pinyin_idx').using('btree', sql`${t.namePinyin} text_pattern_ops`),
    index('members_name_initials_idx').using('btree', sql`${t.nameInitials} text_pattern_ops`),
    index('members_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.id),
    index('members_org_idx').on(t.orgId),
    // One archive per person: the blind index of the ID number is unique (NULL for records without one).
    uniqueIndex('members_id_number_bi_idx').on(t.idNumberBi).where(sql`${t.idNumberBi} IS NOT NULL`),
    index('members_phone_bi_idx').on(t.phoneBi),
    index('members_user_idx').on(t.userId),
  ],
);

/** Workers who are not Party members (职工群众): the audience of mass work. */
export const workers = pgTable(
  'workers',
  {
    id: id(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    userId: integer('user_id'),
    name: text('name').notNull(),
    sex: text('sex').notNull(),
    team: text('team'),
    phoneEnc: text('phone_enc'),
    ...timestamps(),
  },
  (t) => [index('workers_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`)],
);

/** 正式/预备/停止党籍/出党/死亡…: every change of category or status, dated, with its reason. */
export const memberStatusHistory = pgTable(
  'member_status_history',
  {
    id: id(),
    memberId: integer('member_id').notNull(),
    field: text('field').notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value').notNull(),
    effectiveOn: date('effective_on').notNull(),
    reason: text('reason'),
    actorId: integer('actor_id'),
    ...timestamps(),
  },
  (t) => [index('member_status_history_member_idx').on(t.memberId)],
);

/**
 * Sub-records of the archive: work history, posts, rewards, penalties, training, family members.
 * `detail` holds the kind's fields; penalties (discipline) are sensitive and kept in `detail_enc`.
 */
export const memberRecords = pgTable(
  'member_records',
  {
    id: id(),
    memberId: integer('member_id').notNull(),
    kind: text('kind').notNull(),
    startedOn: date('started_on'),
    endedOn: date('ended_on'),
    title: text('title').notNull(),
    detail: jsonb('detail').notNull().default({}),
    detailEnc: text('detail_enc'),
    ...timestamps(),
  },
  (t) => [index('member_records_member_idx').on(t.memberId, t.kind)],
);

/** A member's request to correct their own record, decided by the branch secretary. */
export const memberCorrections = pgTable(
  'member_corrections',
  {
    id: id(),
    memberId: integer('member_id').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    requestedBy: integer('requested_by').notNull(),
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('pending'),
    decidedBy: integer('decided_by'),
    decidedAt: tstz('decided_at'),
    decisionNote: text('decision_note'),
    ...timestamps(),
  },
  (t) => [index('member_corrections_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.status)],
);

/** One Excel import: checked as a whole, written all-or-nothing; the report stays downloadable. */
export const memberImports = pgTable('member_imports', {
  id: id(),
  orgId: integer('org_id').notNull(),
  actorId: integer('actor_id').notNull(),
  fileName: text('file_name').notNull(),
  status: text('status').notNull(),
  totalRows: integer('total_rows').notNull().default(0),
  validRows: integer('valid_rows').notNull().default(0),
  importedRows: integer('imported_rows').notNull().default(0),
  errors: jsonb('errors').notNull().default([]),
  ...timestamps(),
});
