CREATE TABLE "deeds" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deeds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"petition_id" integer,
	"title" text NOT NULL,
	"done" text NOT NULL,
	"cost_fen" integer DEFAULT 0 NOT NULL,
	"beneficiaries" integer DEFAULT 0 NOT NULL,
	"photo_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"done_on" date NOT NULL,
	"petitioner_name" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_calendar_days" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "petition_calendar_days_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "petition_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"petition_id" integer NOT NULL,
	"kind" text NOT NULL,
	"actor_user_id" integer,
	"from_org_id" integer,
	"to_org_id" integer,
	"note" text,
	"at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petitions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "petitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"origin_org_id" integer NOT NULL,
	"origin_org_path" text NOT NULL,
	"submitter_user_id" integer NOT NULL,
	"submitter_name" text NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"name_in_ledger" boolean DEFAULT false NOT NULL,
	"category" text NOT NULL,
	"body" text NOT NULL,
	"place" text,
	"photo_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"ruleset_version" text NOT NULL,
	"received_on" date NOT NULL,
	"accept_due_on" date NOT NULL,
	"reply_due_on" date NOT NULL,
	"handler_user_id" integer,
	"accepted_at" timestamp with time zone,
	"accepted_on" date,
	"reply" text,
	"replied_at" timestamp with time zone,
	"first_replied_on" date,
	"first_reply_due_on" date NOT NULL,
	"rating" text,
	"rating_note" text,
	"rated_at" timestamp with time zone,
	"reopens" integer DEFAULT 0 NOT NULL,
	"escalations" integer DEFAULT 0 NOT NULL,
	"escalated_on" date,
	"escalate_after_on" date NOT NULL,
	"meeting_id" integer,
	"meeting_decision" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_contacts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "care_contacts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"worker_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"on" date NOT NULL,
	"content" text NOT NULL,
	"follow_up" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_links" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "care_links_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"worker_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"ended_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "deeds_org_path_idx" ON "deeds" USING btree ("org_path" text_pattern_ops,"done_on");--> statement-breakpoint
CREATE UNIQUE INDEX "deeds_petition_idx" ON "deeds" USING btree ("petition_id") WHERE "deeds"."petition_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "petition_calendar_days_org_day_idx" ON "petition_calendar_days" USING btree ("org_id","day");--> statement-breakpoint
CREATE INDEX "petition_events_petition_idx" ON "petition_events" USING btree ("petition_id","id");--> statement-breakpoint
CREATE INDEX "petitions_org_path_idx" ON "petitions" USING btree ("org_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "petitions_origin_path_idx" ON "petitions" USING btree ("origin_org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "petitions_submitter_idx" ON "petitions" USING btree ("submitter_user_id","id");--> statement-breakpoint
CREATE INDEX "petitions_clock_idx" ON "petitions" USING btree ("escalate_after_on") WHERE "petitions"."status" IN ('submitted', 'in_progress', 'reopened') AND "petitions"."escalations" < 2;--> statement-breakpoint
CREATE INDEX "care_contacts_worker_idx" ON "care_contacts" USING btree ("worker_id","on");--> statement-breakpoint
CREATE INDEX "care_contacts_org_path_idx" ON "care_contacts" USING btree ("org_path" text_pattern_ops,"on");--> statement-breakpoint
CREATE UNIQUE INDEX "care_links_worker_open_idx" ON "care_links" USING btree ("worker_id") WHERE "care_links"."ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX "care_links_member_idx" ON "care_links" USING btree ("member_id") WHERE "care_links"."ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX "care_links_org_path_idx" ON "care_links" USING btree ("org_path" text_pattern_ops);