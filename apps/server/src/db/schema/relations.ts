import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

/**
 * Tables of the relations module (组织关系转接, 流动党员, 失联). Every scoped row carries the org
 * path of the org that holds it, so org moves rewrite it (PATH_TABLES) and lists filter by prefix.
 */

/**
 * One transfer of a member's organizational relation. `org_*` is the sending org (the member's
 * org when it started); `to_org_id` the receiving org inside the group (kind `internal`), or
 * `to_org_name` outside it (kind `letter`, with a letter). A member's request from the phone starts
 * as `requested`. At most one active transfer per member (partial unique index).
 */
export const relationTransfers = pgTable(
  'relation_transfers',
  {
    id: id(),
    kind: text('kind').notNull(),
    memberId: integer('member_id').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    fromOrgName: text('from_org_name').notNull(),
    toOrgId: integer('to_org_id'),
    toOrgName: text('to_org_name'),
    status: text('status').notNull(),
    reason: text('reason').notNull(),
    requestedBy: integer('requested_by'),
    startedBy: integer('started_by'),
    startedAt: tstz('started_at'),
    decidedBy: integer('decided_by'),
    decidedAt: tstz('decided_at'),
    decisionNote: text('decision_note'),
    effectiveOn: date('effective_on'),
    letterId: integer('letter_id'),
    ...timestamps(),
  },
  (t) => [
    index('relation_transfers_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.status),
    index('relation_transfers_to_idx').on(t.toOrgId, t.status),
    index('relation_transfers_member_idx').on(t.memberId),
    uniqueIndex('relation_transfers_active_idx').on(t.memberId).where(sql`${t.status} IN ('requested', 'pending', 'letter_issued')`),
  ],
);

/**
 * 党员组织关系介绍信 (three parts: stub, letter, receipt). `out`: issued here, numbered per
 * issuing committee per year (gap-free through relation_letter_counters); `in`: a letter a member
 * brought from elsewhere, with the other committee's number, and the receipt we print back.
 * Sensitive values (ID number, phone) are encrypted like the member archive.
 */
export const relationLetters = pgTable(
  'relation_letters',
  {
    id: id(),
    direction: text('direction').notNull(),
    transferId: integer('transfer_id'),
    memberId: integer('member_id'),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    committeeId: integer('committee_id').notNull(),
    committeeName: text('committee_name').notNull(),
    year: integer('year'),
    seq: integer('seq'),
    number: text('number').notNull(),
    addressee: text('addressee').notNull(),
    name: text('name').notNull(),
    sex: text('sex').notNull(),
    age: integer('age').notNull(),
    ethnicity: text('ethnicity').notNull(),
    category: text('category').notNull(),
    idNumberEnc: text('id_number_enc'),
    memberPhoneEnc: text('member_phone_enc'),
    fromOrgName: text('from_org_name').notNull(),
    toOrgName: text('to_org_name').notNull(),
    duesPaidTo: text('dues_paid_to').notNull(),
    validityDays: integer('validity_days').notNull(),
    issuedOn: date('issued_on').notNull(),
    committeeAddress: text('committee_address'),
    committeePhone: text('committee_phone'),
    committeeFax: text('committee_fax'),
    committeePostcode: text('committee_postcode'),
    status: text('status').notNull(),
    receiptOn: date('receipt_on'),
    receiptOrgName: text('receipt_org_name'),
    receiptHandler: text('receipt_handler'),
    receiptNote: text('receipt_note'),
    reissueOfId: integer('reissue_of_id'),
    voidedOn: date('voided_on'),
    createdBy: integer('created_by'),
    ...timestamps(),
  },
  (t) => [
    index('relation_letters_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.status),
    uniqueIndex('relation_letters_seq_idx').on(t.committeeId, t.year, t.seq).where(sql`${t.direction} = 'out'`),
    index('relation_letters_number_idx').on(t.number),
    index('relation_letters_member_idx').on(t.memberId),
  ],
);

/** The last letter number per issuing committee and year: the row lock makes numbering gap-free. */
export const relationLetterCounters = pgTable(
  'relation_letter_counters',
  {
    id: id(),
    committeeId: integer('committee_id').notNull(),
    year: integer('year').notNull(),
    lastSeq: integer('last_seq').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('relation_letter_counters_idx').on(t.committeeId, t.year)],
);

/**
 * 流动党员: `out` a member of ours going away (where, why, how long, contact) with the form the
 * duration calls for; `in` a member of another org staying with us (name and home org as text).
 */
export const relationMobiles = pgTable(
  'relation_mobiles',
  {
    id: id(),
    direction: text('direction').notNull(),
    memberId: integer('member_id'),
    personName: text('person_name').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    place: text('place').notNull(),
    homeOrgName: text('home_org_name'),
    reason: text('reason').notNull(),
    startOn: date('start_on').notNull(),
    expectedReturnOn: date('expected_return_on').notNull(),
    fixedPlace: boolean('fixed_place').notNull(),
    form: text('form').notNull(),
    contactEnc: text('contact_enc'),
    returnedOn: date('returned_on'),
    createdBy: integer('created_by'),
    ...timestamps(),
  },
  (t) => [
    index('relation_mobiles_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
    uniqueIndex('relation_mobiles_out_active_idx').on(t.memberId).where(sql`${t.direction} = 'out' AND ${t.returnedOn} IS NULL`),
  ],
);

/**
 * Last-contact facts entered by the branch (a meeting attended, dues paid, a contact), until the
 * meetings and dues modules record them; lastContactDates() reads this table behind one function.
 */
export const relationContacts = pgTable(
  'relation_contacts',
  {
    id: id(),
    memberId: integer('member_id').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    kind: text('kind').notNull(),
    on: date('on').notNull(),
    note: text('note'),
    createdBy: integer('created_by'),
    ...timestamps(),
  },
  (t) => [
    index('relation_contacts_member_idx').on(t.memberId, t.kind, t.on),
    index('relation_contacts_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  ],
);

/** A lost-contact case (失联党员处置) with its dated steps; one open case per member. */
export const relationLostCases = pgTable(
  'relation_lost_cases',
  {
    id: id(),
    memberId: integer('member_id').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    since: date('since'),
    status: text('status').notNull(),
    outcome: text('outcome'),
    closedOn: date('closed_on'),
    createdBy: integer('created_by'),
    ...timestamps(),
  },
  (t) => [
    index('relation_lost_cases_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.status),
    uniqueIndex('relation_lost_cases_open_idx').on(t.memberId).where(sql`${t.status} = 'open'`),
  ],
);

export const relationLostSteps = pgTable(
  'relation_lost_steps',
  {
    id: id(),
    caseId: integer('case_id').notNull(),
    step: text('step').notNull(),
    on: date('on').notNull(),
    deadline: date('deadline'),
    note: text('note'),
    actorId: integer('actor_id'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('relation_lost_steps_idx').on(t.caseId, t.step)],
);
