import { integer, timestamp } from 'drizzle-orm/pg-core';

/** Every table has id, created_at, updated_at (STYLE.md §Naming). */
export const id = () => integer('id').primaryKey().generatedAlwaysAsIdentity();
export const timestamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export const tstz = (name: string) => timestamp(name, { withTimezone: true });
