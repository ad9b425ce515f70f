CREATE TABLE "relation_contacts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "relation_contacts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"on" date NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relation_letter_counters" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "relation_letter_counters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"committee_id" integer NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relation_letters" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "relation_letters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"direction" text NOT NULL,
	"transfer_id" integer,
	"member_id" integer,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"committee_id" integer NOT NULL,
	"committee_name" text NOT NULL,
	"year" integer,
	"seq" integer,
	"number" text NOT NULL,
	"addressee" text NOT NULL,
	"name" text NOT NULL,
	"sex" text NOT NULL,
	"age" integer NOT NULL,
	"ethnicity" text NOT NULL,
	"category" text NOT NULL,
	"id_number_enc" text,
	"member_phone_enc" text,
	"from_org_name" text NOT NULL,
	"to_org_name" text NOT NULL,
	"dues_paid_to" text NOT NULL,
	"validity_days" integer NOT NULL,
	"issued_on" date NOT NULL,
	"committee_address" text,
	"committee_phone" text,
	"committee_fax" text,
	"committee_postcode" text,
	"status" text NOT NULL,
	"receipt_on" date,
	"receipt_org_name" text,
	"receipt_handler" text,
	"receipt_note" text,
	"reissue_of_id" integer,
	"voided_on" date,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relation_lost_cases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "relation_lost_cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"since" date,
	"status" text NOT NULL,
	"outcome" text,
	"closed_on" date,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relation_lost_steps" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "relation_lost_steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"step" text NOT NULL,
	"on" date NOT NULL,
	"deadline" date,
	"note" text,
	"actor_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relation_mobiles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "relation_mobiles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"direction" text NOT NULL,
	"member_id" integer,
	"person_name" text NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"place" text NOT NULL,
	"home_org_name" text,
	"reason" text NOT NULL,
	"start_on" date NOT NULL,
	"expected_return_on" date NOT NULL,
	"fixed_place" boolean NOT NULL,
	"form" text NOT NULL,
	"contact_enc" text,
	"returned_on" date,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relation_transfers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "relation_transfers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"member_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"from_org_name" text NOT NULL,
	"to_org_id" integer,
	"to_org_name" text,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"requested_by" integer,
	"started_by" integer,
	"started_at" timestamp with time zone,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"effective_on" date,
	"letter_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "relation_contacts_member_idx" ON "relation_contacts" USING btree ("member_id","kind","on");--> statement-breakpoint
CREATE INDEX "relation_contacts_path_idx" ON "relation_contacts" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "relation_letter_counters_idx" ON "relation_letter_counters" USING btree ("committee_id","year");--> statement-breakpoint
CREATE INDEX "relation_letters_path_idx" ON "relation_letters" USING btree ("org_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE UNIQUE INDEX "relation_letters_seq_idx" ON "relation_letters" USING btree ("committee_id","year","seq") WHERE "relation_letters"."direction" = 'out';--> statement-breakpoint
CREATE INDEX "relation_letters_number_idx" ON "relation_letters" USING btree ("number");--> statement-breakpoint
CREATE INDEX "relation_letters_member_idx" ON "relation_letters" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "relation_lost_cases_path_idx" ON "relation_lost_cases" USING btree ("org_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE UNIQUE INDEX "relation_lost_cases_open_idx" ON "relation_lost_cases" USING btree ("member_id") WHERE "relation_lost_cases"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "relation_lost_steps_idx" ON "relation_lost_steps" USING btree ("case_id","step");--> statement-breakpoint
CREATE INDEX "relation_mobiles_path_idx" ON "relation_mobiles" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "relation_mobiles_out_active_idx" ON "relation_mobiles" USING btree ("member_id") WHERE "relation_mobiles"."direction" = 'out' AND "relation_mobiles"."returned_on" IS NULL;--> statement-breakpoint
CREATE INDEX "relation_transfers_path_idx" ON "relation_transfers" USING btree ("org_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "relation_transfers_to_idx" ON "relation_transfers" USING btree ("to_org_id","status");--> statement-breakpoint
CREATE INDEX "relation_transfers_member_idx" ON "relation_transfers" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "relation_transfers_active_idx" ON "relation_transfers" USING btree ("member_id") WHERE "relation_transfers"."status" IN ('requested', 'pending', 'letter_issued');