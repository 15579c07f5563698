-- A report sent upward stays exactly as sent; a correction is a new version row.
CREATE TRIGGER frozen_reports_no_update BEFORE UPDATE ON frozen_reports
BEGIN SELECT RAISE(ABORT, 'frozen_reports is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER frozen_reports_no_delete BEFORE DELETE ON frozen_reports
BEGIN SELECT RAISE(ABORT, 'frozen_reports is append-only'); END;
