ALTER TABLE "meeting_signins" ADD COLUMN "credited_minutes" integer;--> statement-breakpoint
ALTER TABLE "meeting_signins" ADD COLUMN "hours_reason" text;