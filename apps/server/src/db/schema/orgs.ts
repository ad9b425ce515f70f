import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz } from './columns.js';

/**
 * The org tree. `path` is the materialized path of ids, `/1/5/23/`: a subtree is a prefix, so
 * scope checks are `path LIKE '/1/5/%'` on a text_pattern_ops index (ARCHITECTURE.md §Org scope).
 */
export const orgs = pgTable(
  'orgs',
  {
    id: id(),
    parentId: integer('parent_id'),
    path: text('path').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    category: text('category').notNull(),
    unitName: text('unit_name'),
    foundedOn: date('founded_on'),
    docNo: text('doc_no'),
    sort: integer('sort').notNull().default(0),
    dissolvedAt: tstz('dissolved_at'),
    ...timestamps(),
  },
  (t) => [index('orgs_path_idx').using('btree', sql`${t.path} text_pattern_ops`), index('orgs_parent_idx').on(t.parentId)],
);
