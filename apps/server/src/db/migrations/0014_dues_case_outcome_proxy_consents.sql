CREATE TABLE "dues_proxy_consents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dues_proxy_consents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"proxy_member_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"until_month" date NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dues_withdrawal_cases" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "dues_withdrawal_cases" ADD COLUMN "decided_on" date;--> statement-breakpoint
ALTER TABLE "dues_withdrawal_cases" ADD COLUMN "approval" text;--> statement-breakpoint
CREATE UNIQUE INDEX "dues_proxy_consents_live_idx" ON "dues_proxy_consents" USING btree ("member_id") WHERE "dues_proxy_consents"."revoked_at" IS NULL;--> statement-breakpoint
CREATE INDEX "dues_proxy_consents_proxy_idx" ON "dues_proxy_consents" USING btree ("proxy_member_id");