CREATE TABLE "login_counters" (
	"account" text NOT NULL,
	"source" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	CONSTRAINT "login_counters_account_source_pk" PRIMARY KEY("account","source")
);
--> statement-breakpoint
CREATE TABLE "trusted_devices" (
	"token_hash" text NOT NULL,
	"user_id" integer NOT NULL,
	"last_used_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trusted_devices_token_hash_user_id_pk" PRIMARY KEY("token_hash","user_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "factor_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "sessions_valid_after" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "password_history" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "trusted_devices_user_idx" ON "trusted_devices" USING btree ("user_id");--> statement-breakpoint
-- 三员分立 (issue 15 item 5): an account holding sys_admin, security_admin or auditor holds no other
-- role, whoever writes the grant. The user row is locked so two concurrent grants cannot both pass.
CREATE FUNCTION role_grants_admin_exclusive() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  admin_roles CONSTANT text[] := ARRAY['sys_admin', 'security_admin', 'auditor'];
BEGIN
  PERFORM 1 FROM users WHERE id = NEW.user_id FOR UPDATE;
  IF EXISTS (
    SELECT 1 FROM role_grants g
    WHERE g.user_id = NEW.user_id AND g.id IS DISTINCT FROM NEW.id AND g.role <> NEW.role
      AND (g.role = ANY (admin_roles) OR NEW.role = ANY (admin_roles))
  ) THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'role_grants_admin_exclusive',
      MESSAGE = 'role_grants_admin_exclusive: an admin account (sys_admin, security_admin, auditor) holds no other role';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER role_grants_admin_exclusive BEFORE INSERT OR UPDATE OF user_id, role ON role_grants
  FOR EACH ROW EXECUTE FUNCTION role_grants_admin_exclusive();
