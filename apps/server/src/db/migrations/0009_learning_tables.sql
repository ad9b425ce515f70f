CREATE TABLE "learning_answer_batches" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "learning_answer_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"attempt_id" integer NOT NULL,
	"key" text NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_attempt_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "learning_attempt_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"attempt_id" integer NOT NULL,
	"position" integer NOT NULL,
	"question_id" integer NOT NULL,
	"version_id" integer NOT NULL,
	"points" integer NOT NULL,
	"option_order" jsonb NOT NULL,
	"response" jsonb,
	"answered_at" timestamp with time zone,
	"correct" boolean,
	"awarded" integer,
	"graded_by" integer,
	"graded_at" timestamp with time zone,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_attempts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "learning_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"exam_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"number" integer NOT NULL,
	"seed" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"ended_by" text,
	"submitted_at" timestamp with time zone,
	"auto_score" integer,
	"manual_score" integer,
	"score" integer,
	"max_score" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_exam_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "learning_exam_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"exam_id" integer NOT NULL,
	"question_id" integer NOT NULL,
	"position" integer NOT NULL,
	"points" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_exams" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "learning_exams_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"mode" text NOT NULL,
	"draw_rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"time_limit_minutes" integer,
	"max_attempts" integer DEFAULT 1 NOT NULL,
	"grading_policy" text DEFAULT 'highest' NOT NULL,
	"review_rule" text DEFAULT 'immediately' NOT NULL,
	"pass_score" integer DEFAULT 60 NOT NULL,
	"shuffle_options" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_question_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "learning_question_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"question_id" integer NOT NULL,
	"version" integer NOT NULL,
	"stem" text NOT NULL,
	"options" jsonb NOT NULL,
	"answer" jsonb NOT NULL,
	"explanation" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_questions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "learning_questions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"type" text NOT NULL,
	"category" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"difficulty" integer NOT NULL,
	"current_version_id" integer,
	"current_version" integer DEFAULT 1 NOT NULL,
	"retired_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "learning_answer_batches_uq" ON "learning_answer_batches" USING btree ("attempt_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "learning_attempt_items_uq" ON "learning_attempt_items" USING btree ("attempt_id","question_id");--> statement-breakpoint
CREATE UNIQUE INDEX "learning_attempts_uq" ON "learning_attempts" USING btree ("exam_id","member_id","number");--> statement-breakpoint
CREATE INDEX "learning_attempts_path_idx" ON "learning_attempts" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "learning_attempts_member_idx" ON "learning_attempts" USING btree ("member_id","exam_id");--> statement-breakpoint
CREATE UNIQUE INDEX "learning_attempts_open_uq" ON "learning_attempts" USING btree ("exam_id","member_id") WHERE status = 'in_progress';--> statement-breakpoint
CREATE UNIQUE INDEX "learning_exam_items_uq" ON "learning_exam_items" USING btree ("exam_id","question_id");--> statement-breakpoint
CREATE INDEX "learning_exams_path_idx" ON "learning_exams" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "learning_exams_window_idx" ON "learning_exams" USING btree ("status","closes_at");--> statement-breakpoint
CREATE UNIQUE INDEX "learning_question_versions_uq" ON "learning_question_versions" USING btree ("question_id","version");--> statement-breakpoint
CREATE INDEX "learning_questions_path_idx" ON "learning_questions" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "learning_questions_draw_idx" ON "learning_questions" USING btree ("category","difficulty");