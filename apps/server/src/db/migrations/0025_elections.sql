CREATE TABLE "election_board" (
	"election_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb NOT NULL,
	"prev" text NOT NULL,
	"hash" text NOT NULL,
	"on_day" date NOT NULL,
	CONSTRAINT "election_board_election_id_seq_pk" PRIMARY KEY("election_id","seq")
);
--> statement-breakpoint
CREATE TABLE "election_candidates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "election_candidates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"election_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "election_tellers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "election_tellers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"election_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"index" integer NOT NULL,
	"has_key" boolean DEFAULT false NOT NULL,
	"has_dealt" boolean DEFAULT false NOT NULL,
	"has_share" boolean DEFAULT false NOT NULL,
	"paper_count" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "election_voters" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "election_voters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"election_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"excluded_reason" text,
	"checked_in" boolean DEFAULT false NOT NULL,
	"channel" text,
	"voted_on" date
);
--> statement-breakpoint
CREATE TABLE "elections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "elections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"title" text NOT NULL,
	"kind" text DEFAULT 'branch' NOT NULL,
	"seats" integer NOT NULL,
	"ruleset_version" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"roll_on" date NOT NULL,
	"teller_count" integer NOT NULL,
	"threshold" integer NOT NULL,
	"public_key" text,
	"approved_by" integer,
	"approved_on" date,
	"result" jsonb,
	"shortfall_decision" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "election_board_tracker_uq" ON "election_board" USING btree ("election_id",("data"->>'tracker')) WHERE "election_board"."kind" = 'ballot';--> statement-breakpoint
CREATE UNIQUE INDEX "election_candidates_uq" ON "election_candidates" USING btree ("election_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "election_tellers_uq" ON "election_tellers" USING btree ("election_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "election_tellers_idx_uq" ON "election_tellers" USING btree ("election_id","index");--> statement-breakpoint
CREATE UNIQUE INDEX "election_voters_uq" ON "election_voters" USING btree ("election_id","member_id");--> statement-breakpoint
CREATE INDEX "elections_path_idx" ON "elections" USING btree ("org_path" text_pattern_ops,"status");