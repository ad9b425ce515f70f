ALTER TABLE "learning_attempts" ADD COLUMN "submit_key" text;--> statement-breakpoint
ALTER TABLE "learning_attempts" ADD COLUMN "client_finished_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "learning_attempts" ADD COLUMN "submitted_offline" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "learning_exams" ADD COLUMN "offline_allowed" boolean DEFAULT false NOT NULL;