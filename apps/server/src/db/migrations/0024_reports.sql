CREATE TABLE "report_channel_handlers" (
	"channel_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "report_channel_handlers_channel_id_user_id_pk" PRIMARY KEY("channel_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "report_channels" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_channels_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"questions" jsonb NOT NULL,
	"reward_enabled" boolean DEFAULT false NOT NULL,
	"retain_archived_days" integer,
	"retain_declined_days" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_channels_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "report_files" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"report_id" integer NOT NULL,
	"from_reporter" boolean NOT NULL,
	"name_enc" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"storage_key" text NOT NULL,
	"created_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_handler_keys" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"public_key" text NOT NULL,
	"private_enc" text NOT NULL,
	"kdf_salt" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_keys" (
	"report_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"wrapped" text NOT NULL,
	CONSTRAINT "report_keys_report_id_user_id_pk" PRIMARY KEY("report_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "report_messages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"report_id" integer NOT NULL,
	"kind" text NOT NULL,
	"author_id" integer,
	"body_enc" text NOT NULL,
	"created_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_settings" (
	"id" smallint PRIMARY KEY NOT NULL,
	"receipt_salt" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"channel_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"received_on" date NOT NULL,
	"updated_on" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"outcome" text,
	"ruleset_version" text NOT NULL,
	"accept_by" date NOT NULL,
	"accepted_on" date,
	"conclude_by" date,
	"concluded_on" date,
	"extended" boolean DEFAULT false NOT NULL,
	"expires_on" date,
	"receipt_hash" text NOT NULL,
	"reporter_key" text NOT NULL,
	"answers_enc" text NOT NULL,
	"reason_enc" text,
	"handler_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"exclusions" integer DEFAULT 0 NOT NULL,
	"excluded_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"read_by" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"important" boolean DEFAULT false NOT NULL,
	"label" text,
	"reward_wanted" boolean DEFAULT false NOT NULL,
	"reward_fen" integer,
	"reward_set_on" date,
	"reward_paid_on" date,
	"claim_code_enc" text
);
--> statement-breakpoint
CREATE INDEX "report_files_report_idx" ON "report_files" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "report_keys_user_idx" ON "report_keys" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "report_messages_report_idx" ON "report_messages" USING btree ("report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_receipt_idx" ON "reports" USING btree ("receipt_hash");--> statement-breakpoint
CREATE INDEX "reports_handlers_idx" ON "reports" USING gin ("handler_ids");--> statement-breakpoint
CREATE INDEX "reports_expires_idx" ON "reports" USING btree ("expires_on");