CREATE TABLE "proposal_comments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "proposal_comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"proposal_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_coproposers" (
	"proposal_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "proposal_coproposers_proposal_id_user_id_pk" PRIMARY KEY("proposal_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "proposal_milestones" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "proposal_milestones_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"proposal_id" integer NOT NULL,
	"title" text NOT NULL,
	"due_on" text NOT NULL,
	"done_at" timestamp with time zone,
	"note" text,
	"photo_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "proposal_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"proposal_id" integer NOT NULL,
	"reviewer_user_id" integer NOT NULL,
	"reviewer_name" text NOT NULL,
	"scores" jsonb,
	"total" integer,
	"comment" text,
	"scored_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_rewards" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "proposal_rewards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"proposal_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"user_id" integer NOT NULL,
	"name" text NOT NULL,
	"grade" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"paid_at" timestamp with time zone,
	"paid_by" integer,
	"voucher" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_routes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "proposal_routes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"category" text NOT NULL,
	"reviewer_user_ids" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_supports" (
	"proposal_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "proposal_supports_proposal_id_user_id_pk" PRIMARY KEY("proposal_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "proposals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"proposer_user_id" integer NOT NULL,
	"proposer_name" text NOT NULL,
	"hide_name" boolean DEFAULT false NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"problem" text NOT NULL,
	"change" text NOT NULL,
	"expected_benefit" text NOT NULL,
	"expected_benefit_fen" bigint DEFAULT 0 NOT NULL,
	"place" text NOT NULL,
	"photo_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'reviewing' NOT NULL,
	"ruleset_version" text NOT NULL,
	"support_count" integer DEFAULT 0 NOT NULL,
	"score_cents" integer,
	"committee_note" text,
	"decision_reason" text,
	"merged_into_id" integer,
	"decided_at" timestamp with time zone,
	"decided_by" integer,
	"owner_user_id" integer,
	"owner_name" text,
	"progress" integer DEFAULT 0 NOT NULL,
	"implemented_at" timestamp with time zone,
	"verified_benefit_fen" bigint,
	"verified_basis" text,
	"verified_at" timestamp with time zone,
	"verified_by" integer,
	"reward_grade" text,
	"reward_fen" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_photos" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "event_photos_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"event_id" integer NOT NULL,
	"file_id" text NOT NULL,
	"user_id" integer NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_registrations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "event_registrations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"event_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"name" text NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"status" text NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"place" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reg_opens_at" timestamp with time zone NOT NULL,
	"reg_closes_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"audience" text NOT NULL,
	"status" text DEFAULT 'published' NOT NULL,
	"registered_count" integer DEFAULT 0 NOT NULL,
	"checkin_code" text NOT NULL,
	"summary" text,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "proposal_comments_proposal_idx" ON "proposal_comments" USING btree ("proposal_id","id");--> statement-breakpoint
CREATE INDEX "proposal_coproposers_user_idx" ON "proposal_coproposers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "proposal_milestones_proposal_idx" ON "proposal_milestones" USING btree ("proposal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_reviews_uq" ON "proposal_reviews" USING btree ("proposal_id","reviewer_user_id");--> statement-breakpoint
CREATE INDEX "proposal_reviews_reviewer_idx" ON "proposal_reviews" USING btree ("reviewer_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_rewards_uq" ON "proposal_rewards" USING btree ("proposal_id","user_id");--> statement-breakpoint
CREATE INDEX "proposal_rewards_path_idx" ON "proposal_rewards" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_routes_org_category_uq" ON "proposal_routes" USING btree ("org_id","category");--> statement-breakpoint
CREATE INDEX "proposals_path_idx" ON "proposals" USING btree ("org_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "proposals_proposer_idx" ON "proposals" USING btree ("proposer_user_id");--> statement-breakpoint
CREATE INDEX "proposals_title_trgm_idx" ON "proposals" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "event_photos_event_idx" ON "event_photos" USING btree ("event_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "event_photos_file_uq" ON "event_photos" USING btree ("event_id","file_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_uq" ON "event_registrations" USING btree ("event_id","user_id");--> statement-breakpoint
CREATE INDEX "event_registrations_queue_idx" ON "event_registrations" USING btree ("event_id","status","registered_at","id");--> statement-breakpoint
CREATE INDEX "event_registrations_user_idx" ON "event_registrations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "events_path_idx" ON "events" USING btree ("org_path" text_pattern_ops,"starts_at");