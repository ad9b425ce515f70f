-- Issue 15 item 1: the audit log is keyed and the app cannot rewrite it.
-- `mac` is an HMAC of the row's fields, computed by the app with a key derived from the master key
-- (never stored in the database), so a DBA who edits a row and recomputes the plain hashes is still
-- found. Rows written before this migration have none; the first keyed start verifies their plain
-- chain and anchors its head outside the database (platform/audit/anchor.ts).
ALTER TABLE "audit_log" ADD COLUMN "mac" text;
--> statement-breakpoint
-- The chain hash covers the MAC too. concat_ws skips NULLs, so a row without one (written before
-- the key) hashes exactly as before.
CREATE OR REPLACE FUNCTION audit_row_hash(prev text, r audit_log) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|',
    prev, r.seq::text, ((extract(epoch FROM r.at) * 1000000)::bigint)::text,
    coalesce(r.actor_id::text, ''), coalesce(r.actor_name, ''), r.action, r.entity_type,
    coalesce(r.entity_id, ''), coalesce(r.org_id::text, ''), coalesce(r.before::text, ''),
    coalesce(r.after::text, ''), coalesce(r.request_id, ''), coalesce(r.ip, ''), r.mac), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- The app's role has INSERT and SELECT on audit_log and nothing on audit_head (runtime.ts grants
-- them): the seal runs as the owner of the function, the migration role.
ALTER FUNCTION audit_log_seal() SECURITY DEFINER SET search_path = public, pg_temp;
