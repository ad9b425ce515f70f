CREATE TABLE "dues_bases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dues_bases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"year" integer NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"category" text NOT NULL,
	"base_enc" text,
	"source" text NOT NULL,
	"rule_version" text NOT NULL,
	"rounding" text NOT NULL,
	"rate_bp" integer,
	"standard_fen" integer NOT NULL,
	"monthly_fen" integer NOT NULL,
	"basis" text NOT NULL,
	"hardship_kind" text,
	"hardship_branch_review" text,
	"hardship_approval" text,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dues_bills" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dues_bills_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"month" date NOT NULL,
	"standard_fen" integer NOT NULL,
	"due_fen" integer NOT NULL,
	"paid_fen" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"base_id" integer,
	"payment_id" integer,
	"paid_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dues_expenses" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dues_expenses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"spent_on" date NOT NULL,
	"purpose" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"note" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dues_payments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dues_payments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"method" text NOT NULL,
	"status" text NOT NULL,
	"months" date[] DEFAULT '{}'::date[] NOT NULL,
	"amount_fen" integer NOT NULL,
	"dues_fen" integer DEFAULT 0 NOT NULL,
	"extra_fen" integer DEFAULT 0 NOT NULL,
	"paid_on" date NOT NULL,
	"receipt_no" text,
	"proof_file_id" uuid,
	"proxy_member_id" integer,
	"proxy_consent" text,
	"approval" text,
	"note" text,
	"reported_by" integer,
	"recorded_by" integer,
	"confirmed_by" integer,
	"confirmed_at" timestamp with time zone,
	"rejected_reason" text,
	"reverses_id" integer,
	"reason" text,
	"request_key" text,
	"provider" text,
	"provider_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dues_withdrawal_cases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dues_withdrawal_cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"since_month" date NOT NULL,
	"months_unpaid" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"resolved_by" integer,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "action_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"meeting_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"owner_member_id" integer,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"done_at" timestamp with time zone,
	"done_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appraisal_campaigns" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "appraisal_campaigns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"determined_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appraisal_participants" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "appraisal_participants_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"category" text NOT NULL,
	"self_summary" text,
	"self_at" timestamp with time zone,
	"grade" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appraisal_tallies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "appraisal_tallies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"source" text NOT NULL,
	"grade" text NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appraisal_voters" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "appraisal_voters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_attendees" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_attendees_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"meeting_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"excluded" text,
	"absent_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"meeting_id" integer NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" integer,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_files" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"meeting_id" integer NOT NULL,
	"file_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_leaves" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_leaves_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"meeting_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_orgs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_orgs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"meeting_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_signins" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_signins_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"meeting_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"method" text NOT NULL,
	"client_id" text,
	"recorded_by" integer,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"type" text NOT NULL,
	"topic" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"place" text NOT NULL,
	"chair_member_id" integer,
	"recorder_member_id" integer,
	"invite" jsonb NOT NULL,
	"joint_body" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"minutes" text,
	"resolutions" text,
	"minutes_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"hours_minutes" integer DEFAULT 0 NOT NULL,
	"sign_key" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_life_dates" (
	"member_id" integer PRIMARY KEY NOT NULL,
	"last_life_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unqualified_cases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "unqualified_cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"campaign_id" integer,
	"measure" text NOT NULL,
	"deadline_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"follow_ups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "dues_bases_member_from_idx" ON "dues_bases" USING btree ("member_id","effective_from");--> statement-breakpoint
CREATE INDEX "dues_bases_current_idx" ON "dues_bases" USING btree ("member_id") WHERE "dues_bases"."effective_to" IS NULL;--> statement-breakpoint
CREATE INDEX "dues_bases_org_path_idx" ON "dues_bases" USING btree ("org_path" text_pattern_ops,"year");--> statement-breakpoint
CREATE UNIQUE INDEX "dues_bills_member_month_idx" ON "dues_bills" USING btree ("member_id","month");--> statement-breakpoint
CREATE INDEX "dues_bills_month_path_idx" ON "dues_bills" USING btree ("month","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "dues_expenses_path_idx" ON "dues_expenses" USING btree ("org_path" text_pattern_ops,"spent_on");--> statement-breakpoint
CREATE INDEX "dues_payments_path_idx" ON "dues_payments" USING btree ("org_path" text_pattern_ops,"paid_on");--> statement-breakpoint
CREATE INDEX "dues_payments_member_idx" ON "dues_payments" USING btree ("member_id","paid_on");--> statement-breakpoint
CREATE UNIQUE INDEX "dues_payments_reverses_idx" ON "dues_payments" USING btree ("reverses_id") WHERE "dues_payments"."reverses_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "dues_payments_request_key_idx" ON "dues_payments" USING btree ("request_key") WHERE "dues_payments"."request_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "dues_payments_receipt_idx" ON "dues_payments" USING btree ("org_id","receipt_no") WHERE "dues_payments"."receipt_no" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "dues_withdrawal_cases_member_since_idx" ON "dues_withdrawal_cases" USING btree ("member_id","since_month");--> statement-breakpoint
CREATE INDEX "dues_withdrawal_cases_path_idx" ON "dues_withdrawal_cases" USING btree ("org_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "action_items_path_idx" ON "action_items" USING btree ("org_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "action_items_meeting_idx" ON "action_items" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "appraisal_campaigns_org_year_uniq" ON "appraisal_campaigns" USING btree ("org_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "appraisal_participants_uniq" ON "appraisal_participants" USING btree ("campaign_id","member_id");--> statement-breakpoint
CREATE INDEX "appraisal_participants_member_idx" ON "appraisal_participants" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "appraisal_tallies_uniq" ON "appraisal_tallies" USING btree ("campaign_id","member_id","source","grade");--> statement-breakpoint
CREATE UNIQUE INDEX "appraisal_voters_uniq" ON "appraisal_voters" USING btree ("campaign_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_attendees_uniq" ON "meeting_attendees" USING btree ("meeting_id","member_id");--> statement-breakpoint
CREATE INDEX "meeting_attendees_member_idx" ON "meeting_attendees" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "meeting_events_meeting_idx" ON "meeting_events" USING btree ("meeting_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_files_uniq" ON "meeting_files" USING btree ("meeting_id","file_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_leaves_uniq" ON "meeting_leaves" USING btree ("meeting_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_orgs_uniq" ON "meeting_orgs" USING btree ("meeting_id","org_id");--> statement-breakpoint
CREATE INDEX "meeting_orgs_path_idx" ON "meeting_orgs" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_signins_uniq" ON "meeting_signins" USING btree ("meeting_id","member_id");--> statement-breakpoint
CREATE INDEX "meeting_signins_member_idx" ON "meeting_signins" USING btree ("member_id","signed_at");--> statement-breakpoint
CREATE INDEX "meetings_path_starts_idx" ON "meetings" USING btree ("org_path" text_pattern_ops,"starts_at");--> statement-breakpoint
CREATE INDEX "meetings_starts_idx" ON "meetings" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "meetings_org_type_idx" ON "meetings" USING btree ("org_id","type","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "unqualified_cases_campaign_member_uniq" ON "unqualified_cases" USING btree ("campaign_id","member_id");--> statement-breakpoint
CREATE INDEX "unqualified_cases_path_idx" ON "unqualified_cases" USING btree ("org_path" text_pattern_ops,"status");