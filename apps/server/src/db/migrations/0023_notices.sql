CREATE TABLE "notice_files" (
	"notice_id" integer NOT NULL,
	"file_id" uuid NOT NULL,
	CONSTRAINT "notice_files_notice_id_file_id_pk" PRIMARY KEY("notice_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "notice_recipients" (
	"notice_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"read_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	CONSTRAINT "notice_recipients_notice_id_user_id_pk" PRIMARY KEY("notice_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"title" text NOT NULL,
	"doc_no" text,
	"body" text NOT NULL,
	"internal" boolean DEFAULT false NOT NULL,
	"require_sign" boolean DEFAULT false NOT NULL,
	"sign_deadline" timestamp with time zone,
	"audience" jsonb NOT NULL,
	"status" text DEFAULT 'published' NOT NULL,
	"recipients" integer NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"reminded_on" date,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_assignments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "task_assignments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"task_id" integer NOT NULL,
	"parent_id" integer,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"assigner_path" text NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reported_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "task_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"assignment_id" integer NOT NULL,
	"text" text,
	"number" integer,
	"file_id" uuid,
	"submitted_by" integer NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"verdict" text,
	"reason" text,
	"verified_by" integer,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"title" text NOT NULL,
	"requirements" text NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"report_form" jsonb NOT NULL,
	"file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "notice_files_file_idx" ON "notice_files" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "notice_recipients_user_idx" ON "notice_recipients" USING btree ("user_id","notice_id");--> statement-breakpoint
CREATE INDEX "notice_recipients_path_idx" ON "notice_recipients" USING btree ("notice_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "notices_org_path_idx" ON "notices" USING btree ("org_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE UNIQUE INDEX "task_assignments_org_idx" ON "task_assignments" USING btree ("task_id","org_id");--> statement-breakpoint
CREATE INDEX "task_assignments_path_idx" ON "task_assignments" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "task_assignments_parent_idx" ON "task_assignments" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "task_reports_assignment_idx" ON "task_reports" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "task_reports_file_idx" ON "task_reports" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "tasks_org_path_idx" ON "tasks" USING btree ("org_path" text_pattern_ops,"id");