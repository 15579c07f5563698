-- A roster change makes every cached finding of its unit stale, which the member triggers of 0011 delete by
-- scanning the unit's candidates. While the cache is empty (a new database being filled by `ptdv demo` or by a
-- dossier import) that scan finds nothing to delete, yet ran once per member written: filling a 50.000-candidate
-- cell took minutes instead of seconds. The triggers now skip the scan when there is no cached finding at all.
DROP TRIGGER `findings_stale_member_insert`;
--> statement-breakpoint
DROP TRIGGER `findings_stale_member_update`;
--> statement-breakpoint
DROP TRIGGER `findings_stale_member_delete`;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_member_insert` AFTER INSERT ON `members` WHEN EXISTS (SELECT 1 FROM `candidate_findings`)
BEGIN
  DELETE FROM `candidate_findings` WHERE `candidate_id` IN (SELECT `id` FROM `candidates` WHERE `unit_code` = NEW.`unit_code`);
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_member_update` AFTER UPDATE ON `members` WHEN EXISTS (SELECT 1 FROM `candidate_findings`)
BEGIN
  DELETE FROM `candidate_findings` WHERE `candidate_id` IN (SELECT `id` FROM `candidates` WHERE `unit_code` IN (OLD.`unit_code`, NEW.`unit_code`));
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_member_delete` AFTER DELETE ON `members` WHEN EXISTS (SELECT 1 FROM `candidate_findings`)
BEGIN
  DELETE FROM `candidate_findings` WHERE `candidate_id` IN (SELECT `id` FROM `candidates` WHERE `unit_code` = OLD.`unit_code`);
END;
