CREATE TABLE "member_corrections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "member_corrections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"requested_by" integer NOT NULL,
	"changes" jsonb NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_imports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "member_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"actor_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"status" text NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"valid_rows" integer DEFAULT 0 NOT NULL,
	"imported_rows" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_records" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "member_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"kind" text NOT NULL,
	"started_on" date,
	"ended_on" date,
	"title" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"detail_enc" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_status_history" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "member_status_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"field" text NOT NULL,
	"from_value" text,
	"to_value" text NOT NULL,
	"effective_on" date NOT NULL,
	"reason" text,
	"actor_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leadership_members" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "leadership_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"term_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"post" text NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leadership_terms" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "leadership_terms_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"started_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"years" integer NOT NULL,
	"elected_how" text DEFAULT 'election' NOT NULL,
	"doc_no" text,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "org_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" integer,
	"doc_no" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pioneer_posts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pioneer_posts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"member_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"location" text,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "native_place" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "degree" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "job_title" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "unit_id" integer;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "joined_work_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "photo_file_id" uuid;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "name_pinyin" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "name_initials" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "address_enc" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "health_enc" text;--> statement-breakpoint
CREATE INDEX "member_corrections_path_idx" ON "member_corrections" USING btree ("org_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "member_records_member_idx" ON "member_records" USING btree ("member_id","kind");--> statement-breakpoint
CREATE INDEX "member_status_history_member_idx" ON "member_status_history" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "leadership_members_term_idx" ON "leadership_members" USING btree ("term_id");--> statement-breakpoint
CREATE INDEX "leadership_members_member_idx" ON "leadership_members" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "leadership_terms_org_idx" ON "leadership_terms" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "leadership_terms_path_idx" ON "leadership_terms" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "org_events_org_idx" ON "org_events" USING btree ("org_id","at");--> statement-breakpoint
CREATE INDEX "pioneer_posts_org_idx" ON "pioneer_posts" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "pioneer_posts_member_idx" ON "pioneer_posts" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "units_org_path_idx" ON "units" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "members_name_trgm_idx" ON "members" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "members_name_pinyin_idx" ON "members" USING btree ("name_pinyin" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "members_name_initials_idx" ON "members" USING btree ("name_initials" text_pattern_ops);