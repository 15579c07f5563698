CREATE TABLE `reported_findings` (
	`candidate_id` text PRIMARY KEY NOT NULL,
	`as_of` text NOT NULL,
	`rulebook_version` text NOT NULL,
	`findings` text NOT NULL
);

--> statement-breakpoint
-- Findings a unit's bundle carried were stored as if this database had computed them; they move to their own table,
-- and this database computes its own (electron/core/services/findings-store.ts).
INSERT INTO `reported_findings` (`candidate_id`, `as_of`, `rulebook_version`, `findings`)
SELECT f.`candidate_id`, f.`as_of`, f.`rulebook_version`, f.`findings` FROM `candidate_findings` f
JOIN `candidates` c ON c.`id` = f.`candidate_id` JOIN `units` u ON u.`code` = c.`unit_code` WHERE u.`origin` = 'mirror';
--> statement-breakpoint
DELETE FROM `candidate_findings` WHERE `candidate_id` IN (SELECT `candidate_id` FROM `reported_findings`);
--> statement-breakpoint
-- The one invalidation rule of cached findings, kept by the database so that no writer (a use case, the bulk
-- import, the mirror of a unit below, a correction) can forget it: whatever a candidate's findings are computed from
-- drops its cached row. The calendar and the rulebooks drop every row. The date is the remaining input: a row is
-- valid only on the day it is `as_of`.
CREATE TRIGGER `findings_stale_event` AFTER INSERT ON `candidate_events`
BEGIN
  DELETE FROM `candidate_findings` WHERE `candidate_id` = NEW.`candidate_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_document_insert` AFTER INSERT ON `dossier_items`
BEGIN
  DELETE FROM `candidate_findings` WHERE `candidate_id` = NEW.`candidate_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_document_update` AFTER UPDATE ON `dossier_items`
BEGIN
  DELETE FROM `candidate_findings` WHERE `candidate_id` IN (OLD.`candidate_id`, NEW.`candidate_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_document_delete` AFTER DELETE ON `dossier_items`
BEGIN
  DELETE FROM `candidate_findings` WHERE `candidate_id` = OLD.`candidate_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_introducer_insert` AFTER INSERT ON `introducers`
BEGIN
  DELETE FROM `candidate_findings` WHERE `candidate_id` = NEW.`candidate_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_introducer_update` AFTER UPDATE ON `introducers`
BEGIN
  DELETE FROM `candidate_findings` WHERE `candidate_id` IN (OLD.`candidate_id`, NEW.`candidate_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_introducer_delete` AFTER DELETE ON `introducers`
BEGIN
  DELETE FROM `candidate_findings` WHERE `candidate_id` = OLD.`candidate_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_mentor_insert` AFTER INSERT ON `mentor_assignments`
BEGIN
  DELETE FROM `candidate_findings` WHERE `candidate_id` = NEW.`candidate_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_mentor_update` AFTER UPDATE ON `mentor_assignments`
BEGIN
  DELETE FROM `candidate_findings` WHERE `candidate_id` IN (OLD.`candidate_id`, NEW.`candidate_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_mentor_delete` AFTER DELETE ON `mentor_assignments`
BEGIN
  DELETE FROM `candidate_findings` WHERE `candidate_id` = OLD.`candidate_id`;
END;
--> statement-breakpoint
-- The report summary triggers write candidates.report_*; only the columns the rules read make findings stale.
CREATE TRIGGER `findings_stale_profile` AFTER UPDATE OF `unit_code`, `birth_date`, `education`, `education_exception`,
  `youth_union_member`, `trade_union_member`, `introduction_path`, `full_name` ON `candidates`
BEGIN
  DELETE FROM `candidate_findings` WHERE `candidate_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `findings_gone_with_candidate` AFTER DELETE ON `candidates`
BEGIN
  DELETE FROM `candidate_findings` WHERE `candidate_id` = OLD.`id`;
  DELETE FROM `reported_findings` WHERE `candidate_id` = OLD.`id`;
END;
--> statement-breakpoint
-- Who is a full member, and since when, decides introducers, mentors and the 2/3 threshold of the whole unit.
CREATE TRIGGER `findings_stale_member_insert` AFTER INSERT ON `members`
BEGIN
  DELETE FROM `candidate_findings` WHERE `candidate_id` IN (SELECT `id` FROM `candidates` WHERE `unit_code` = NEW.`unit_code`);
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_member_update` AFTER UPDATE ON `members`
BEGIN
  DELETE FROM `candidate_findings` WHERE `candidate_id` IN (SELECT `id` FROM `candidates` WHERE `unit_code` IN (OLD.`unit_code`, NEW.`unit_code`));
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_member_delete` AFTER DELETE ON `members`
BEGIN
  DELETE FROM `candidate_findings` WHERE `candidate_id` IN (SELECT `id` FROM `candidates` WHERE `unit_code` = OLD.`unit_code`);
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_unit` AFTER UPDATE OF `has_youth_union`, `ducs_members` ON `units`
BEGIN
  DELETE FROM `candidate_findings` WHERE `candidate_id` IN (SELECT `id` FROM `candidates` WHERE `unit_code` = NEW.`code`);
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_calendar_insert` AFTER INSERT ON `holidays`
BEGIN
  DELETE FROM `candidate_findings`;
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_calendar_update` AFTER UPDATE ON `holidays`
BEGIN
  DELETE FROM `candidate_findings`;
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_calendar_delete` AFTER DELETE ON `holidays`
BEGIN
  DELETE FROM `candidate_findings`;
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_rulebooks_insert` AFTER INSERT ON `settings` WHEN NEW.`key` = 'rulebooks'
BEGIN
  DELETE FROM `candidate_findings`;
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_rulebooks_update` AFTER UPDATE ON `settings` WHEN NEW.`key` = 'rulebooks'
BEGIN
  DELETE FROM `candidate_findings`;
END;
