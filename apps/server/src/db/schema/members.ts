import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.js';

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
    education: text('education'),
    post: text('post'),
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
    ...timestamps(),
  },
  (t) => [
    index('members_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.id),
    index('members_org_idx').on(t.orgId),
    index('members_id_number_bi_idx').on(t.idNumberBi),
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
