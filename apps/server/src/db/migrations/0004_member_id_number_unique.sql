DROP INDEX "members_id_number_bi_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "members_id_number_bi_idx" ON "members" USING btree ("id_number_bi") WHERE "members"."id_number_bi" IS NOT NULL;