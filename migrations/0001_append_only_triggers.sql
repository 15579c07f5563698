-- Events and the audit log are history: a correction is a new row, never an edit. Refuse the edit in SQL too,
-- so no future code path can rewrite history by accident. A superior's mirror of a unit below is
-- replaced whole by each snapshot bundle, so mirrored rows may be deleted (never updated).
CREATE TRIGGER candidate_events_no_update BEFORE UPDATE ON candidate_events
BEGIN SELECT RAISE(ABORT, 'candidate_events is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER candidate_events_no_delete BEFORE DELETE ON candidate_events
WHEN (SELECT u.origin FROM candidates c JOIN units u ON u.code = c.unit_code WHERE c.id = OLD.candidate_id) <> 'mirror'
BEGIN SELECT RAISE(ABORT, 'candidate_events is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
