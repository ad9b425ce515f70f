CREATE TABLE "recruitment_cases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recruitment_cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"worker_id" integer,
	"member_id" integer,
	"name" text NOT NULL,
	"sex" text NOT NULL,
	"birth_date" date NOT NULL,
	"id_number_enc" text,
	"id_number_bi" text,
	"education" text,
	"post" text,
	"ruleset_version" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"last_step" integer DEFAULT 0 NOT NULL,
	"round" integer DEFAULT 0 NOT NULL,
	"applied_on" date NOT NULL,
	"activist_on" date,
	"target_on" date,
	"admitted_on" date,
	"probation_ends_on" date,
	"extension_months" integer,
	"full_on" date,
	"ended_on" date,
	"end_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recruitment_checks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recruitment_checks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"kind" text NOT NULL,
	"done_on" date NOT NULL,
	"note" text,
	"file_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"recorded_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recruitment_plans" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recruitment_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"year" integer NOT NULL,
	"activists" integer DEFAULT 0 NOT NULL,
	"targets" integer DEFAULT 0 NOT NULL,
	"admissions" integer DEFAULT 0 NOT NULL,
	"conversions" integer DEFAULT 0 NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recruitment_steps" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recruitment_steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"step_no" integer NOT NULL,
	"round" integer DEFAULT 0 NOT NULL,
	"done_on" date NOT NULL,
	"actors" text,
	"people" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"form" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"file_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	"late" boolean DEFAULT false NOT NULL,
	"confirmed_by" integer NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recruitment_votes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recruitment_votes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"step_no" integer NOT NULL,
	"round" integer DEFAULT 0 NOT NULL,
	"meeting_on" date NOT NULL,
	"full_members" integer NOT NULL,
	"excluded" integer NOT NULL,
	"entitled" integer NOT NULL,
	"present" integer NOT NULL,
	"for_count" integer NOT NULL,
	"against_count" integer NOT NULL,
	"abstain_count" integer NOT NULL,
	"absent_opinions_for" integer NOT NULL,
	"absentees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"passed" boolean NOT NULL,
	"recorded_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "recruitment_cases_path_idx" ON "recruitment_cases" USING btree ("org_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE UNIQUE INDEX "recruitment_cases_worker_idx" ON "recruitment_cases" USING btree ("worker_id") WHERE "recruitment_cases"."worker_id" IS NOT NULL AND "recruitment_cases"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "recruitment_cases_id_number_idx" ON "recruitment_cases" USING btree ("id_number_bi") WHERE "recruitment_cases"."id_number_bi" IS NOT NULL AND "recruitment_cases"."status" = 'active';--> statement-breakpoint
CREATE INDEX "recruitment_checks_case_idx" ON "recruitment_checks" USING btree ("case_id","kind","done_on");--> statement-breakpoint
CREATE UNIQUE INDEX "recruitment_plans_org_year_idx" ON "recruitment_plans" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "recruitment_plans_path_idx" ON "recruitment_plans" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "recruitment_steps_case_step_idx" ON "recruitment_steps" USING btree ("case_id","step_no","round");--> statement-breakpoint
CREATE INDEX "recruitment_votes_case_idx" ON "recruitment_votes" USING btree ("case_id");