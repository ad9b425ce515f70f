ALTER TABLE "meetings" ADD COLUMN "agenda" text;--> statement-breakpoint
ALTER TABLE "todos" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "todos" ADD COLUMN "params" jsonb;