-- Every app process keeps the session lookups of the last two seconds (platform/auth/session-cache.ts).
-- A committed change to what a lookup returns tells every process to forget them: NOTIFY vg_auth,
-- delivered at commit to each process's LISTEN connection. Statement-level, so a bulk change
-- notifies once. A session's last_seen_at touch changes nothing a lookup decides on, so it is not
-- among the columns.
CREATE FUNCTION notify_auth_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('vg_auth', TG_TABLE_NAME);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sessions_notify_auth AFTER UPDATE OF user_id, stage, csrf_token, expires_at, revoked_at OR DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_auth_change();
--> statement-breakpoint
CREATE TRIGGER users_notify_auth AFTER UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_auth_change();
--> statement-breakpoint
CREATE TRIGGER role_grants_notify_auth AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_grants
  FOR EACH STATEMENT EXECUTE FUNCTION notify_auth_change();
--> statement-breakpoint
CREATE TRIGGER orgs_notify_auth AFTER UPDATE OF name, path OR DELETE OR TRUNCATE ON orgs
  FOR EACH STATEMENT EXECUTE FUNCTION notify_auth_change();
