-- The audit chain is sealed at commit, not at insert. Before, a BEFORE INSERT trigger took the row
-- lock on audit_head when the row was inserted and held it to the end of the transaction: every
-- other audited write in the system waited for that transaction's remaining statements, its COMMIT
-- round trip through a busy Node event loop, and its WAL flush (bench/learning-exam.ts: the audit
-- insert of an exam start or submit waited 10 ms on average, seconds at the tail, behind the
-- others). Now the row is inserted unsealed (seq, prev_hash, hash NULL) and a deferred constraint
-- trigger seals it while the transaction commits: the head is locked only for the seal and the
-- flush. Row and seal still commit together, and no other session ever sees an unsealed row.
DROP TRIGGER audit_log_chain ON audit_log;
--> statement-breakpoint
DROP FUNCTION audit_log_chain();
--> statement-breakpoint
CREATE FUNCTION audit_log_seal() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head audit_head%ROWTYPE;
  r audit_log;
BEGIN
  SELECT * INTO head FROM audit_head WHERE id = 1 FOR UPDATE;
  r := NEW;
  r.seq := head.seq + 1;
  r.prev_hash := head.hash;
  r.hash := audit_row_hash(head.hash, r);
  UPDATE audit_log SET seq = r.seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = NEW.id;
  UPDATE audit_head SET seq = r.seq, hash = r.hash WHERE id = 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_log_seal AFTER INSERT ON audit_log
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_log_seal();
--> statement-breakpoint
-- Still append-only: the one UPDATE let through is the seal itself (from inside a trigger, on a row
-- not sealed yet, changing nothing but the chain columns).
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF pg_trigger_depth() > 1 AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
       AND to_jsonb(NEW) - '{seq,prev_hash,hash}'::text[] = to_jsonb(OLD) - '{seq,prev_hash,hash}'::text[] THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
