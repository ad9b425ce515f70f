-- Tamper-evident audit log (RULES.md §Security; ARCHITECTURE.md §Audit).
-- Each row's hash covers the previous row's hash and every field of the row. The chain head lives
-- in audit_head; the insert trigger takes its row lock, so concurrent writers are chained in commit
-- order. One definition of the hash serves both the trigger and verification.
CREATE FUNCTION audit_row_hash(prev text, r audit_log) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|',
    prev, r.seq::text, ((extract(epoch FROM r.at) * 1000000)::bigint)::text,
    coalesce(r.actor_id::text, ''), coalesce(r.actor_name, ''), r.action, r.entity_type,
    coalesce(r.entity_id, ''), coalesce(r.org_id::text, ''), coalesce(r.before::text, ''),
    coalesce(r.after::text, ''), coalesce(r.request_id, ''), coalesce(r.ip, '')), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));
--> statement-breakpoint
CREATE FUNCTION audit_log_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head audit_head%ROWTYPE;
BEGIN
  SELECT * INTO head FROM audit_head WHERE id = 1 FOR UPDATE;
  NEW.seq := head.seq + 1;
  NEW.prev_hash := head.hash;
  NEW.hash := audit_row_hash(head.hash, NEW);
  UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
--> statement-breakpoint
CREATE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
