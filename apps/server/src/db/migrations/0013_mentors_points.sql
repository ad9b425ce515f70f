CREATE TABLE "competition_answers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "competition_answers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"competition_id" integer NOT NULL,
	"player_id" integer NOT NULL,
	"question_row_id" integer NOT NULL,
	"position" integer NOT NULL,
	"response" jsonb NOT NULL,
	"correct" boolean NOT NULL,
	"elapsed_ms" integer,
	"answered_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "competition_players" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "competition_players_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"competition_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"user_id" integer,
	"name" text NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"branch_id" integer NOT NULL,
	"branch_name" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"correct" integer,
	"duration_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "competition_questions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "competition_questions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"competition_id" integer NOT NULL,
	"position" integer NOT NULL,
	"question_id" integer NOT NULL,
	"version_id" integer NOT NULL,
	"type" text NOT NULL,
	"pushed_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "competitions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "competitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"join_code" text,
	"seconds_per_question" integer,
	"opens_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"time_limit_seconds" integer,
	"status" text NOT NULL,
	"current_position" integer DEFAULT 0 NOT NULL,
	"rules_version" text NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentor_evaluations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mentor_evaluations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"pair_id" integer NOT NULL,
	"stage" text NOT NULL,
	"rating" text NOT NULL,
	"comment" text NOT NULL,
	"evaluated_on" date NOT NULL,
	"evaluated_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentor_meetings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mentor_meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"pair_id" integer NOT NULL,
	"met_on" date NOT NULL,
	"topic" text NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"written_by" text NOT NULL,
	"author_user_id" integer NOT NULL,
	"client_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentor_milestones" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mentor_milestones_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"pair_id" integer NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date,
	"done_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentor_pairs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mentor_pairs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"mentor_member_id" integer NOT NULL,
	"mentee_member_id" integer,
	"mentee_worker_id" integer,
	"starts_on" date NOT NULL,
	"planned_end_on" date NOT NULL,
	"goals" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"last_meeting_on" date,
	"ruleset_version" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "point_days" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "point_days_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"day" date NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"by_activity" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"study_seconds" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "point_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "point_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"activity" text NOT NULL,
	"source_key" text NOT NULL,
	"day" date NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"requested" integer NOT NULL,
	"points" integer NOT NULL,
	"ruleset_version" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "competition_answers_uq" ON "competition_answers" USING btree ("player_id","question_row_id");--> statement-breakpoint
CREATE INDEX "competition_answers_comp_idx" ON "competition_answers" USING btree ("competition_id","player_id");--> statement-breakpoint
CREATE UNIQUE INDEX "competition_players_uq" ON "competition_players" USING btree ("competition_id","member_id");--> statement-breakpoint
CREATE INDEX "competition_players_branch_idx" ON "competition_players" USING btree ("competition_id","branch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "competition_questions_uq" ON "competition_questions" USING btree ("competition_id","position");--> statement-breakpoint
CREATE INDEX "competitions_path_idx" ON "competitions" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "competitions_join_code_uq" ON "competitions" USING btree ("join_code") WHERE status <> 'finished' AND deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "mentor_evaluations_pair_stage_uq" ON "mentor_evaluations" USING btree ("pair_id","stage");--> statement-breakpoint
CREATE INDEX "mentor_meetings_pair_idx" ON "mentor_meetings" USING btree ("pair_id","met_on");--> statement-breakpoint
CREATE UNIQUE INDEX "mentor_meetings_client_key_uq" ON "mentor_meetings" USING btree ("pair_id","client_key") WHERE "mentor_meetings"."client_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "mentor_milestones_pair_idx" ON "mentor_milestones" USING btree ("pair_id","due_on");--> statement-breakpoint
CREATE INDEX "mentor_pairs_path_idx" ON "mentor_pairs" USING btree ("org_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "mentor_pairs_mentor_idx" ON "mentor_pairs" USING btree ("mentor_member_id");--> statement-breakpoint
CREATE INDEX "mentor_pairs_mentee_idx" ON "mentor_pairs" USING btree ("mentee_member_id");--> statement-breakpoint
CREATE INDEX "mentor_pairs_worker_idx" ON "mentor_pairs" USING btree ("mentee_worker_id");--> statement-breakpoint
CREATE UNIQUE INDEX "point_days_member_day_uq" ON "point_days" USING btree ("member_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "point_entries_source_uq" ON "point_entries" USING btree ("source_key");--> statement-breakpoint
CREATE INDEX "point_entries_member_day_idx" ON "point_entries" USING btree ("member_id","day");--> statement-breakpoint
CREATE INDEX "point_entries_day_idx" ON "point_entries" USING btree ("day","member_id");