-- Each app process keeps some reads in memory (platform/cache.ts): session lookups, dues ledger
-- pages. A committed change to a table they read tells every process to forget them: NOTIFY
-- vg_change with the table's name, delivered at commit to each process's LISTEN connection.
-- Statement-level, so a bulk change notifies once. A session's last_seen_at touch changes nothing
-- a lookup decides on, so it is not among the columns.
CREATE FUNCTION notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('vg_change', TG_TABLE_NAME);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sessions_notify_change AFTER UPDATE OF user_id, stage, csrf_token, expires_at, revoked_at OR DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
--> statement-breakpoint
CREATE TRIGGER users_notify_change AFTER UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
--> statement-breakpoint
CREATE TRIGGER role_grants_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_grants
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
--> statement-breakpoint
CREATE TRIGGER orgs_notify_change AFTER UPDATE OF name, path OR DELETE OR TRUNCATE ON orgs
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
--> statement-breakpoint
CREATE TRIGGER members_notify_change AFTER UPDATE OF name, org_id, org_path OR DELETE OR TRUNCATE ON members
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
--> statement-breakpoint
CREATE TRIGGER dues_bills_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON dues_bills
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
--> statement-breakpoint
CREATE TRIGGER dues_payments_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON dues_payments
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
