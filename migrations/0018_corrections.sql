ALTER TABLE `candidates` ADD `voided_at` text;--> statement-breakpoint
ALTER TABLE `candidates` ADD `void_reason` text;--> statement-breakpoint
ALTER TABLE `candidates` ADD `voided_by` text;--> statement-breakpoint
CREATE INDEX `candidates_voided` ON `candidates` (`unit_code`) WHERE "candidates"."voided_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE `members` ADD `voided_at` text;--> statement-breakpoint
ALTER TABLE `members` ADD `void_reason` text;--> statement-breakpoint
ALTER TABLE `members` ADD `voided_by` text;--> statement-breakpoint
ALTER TABLE `dossier_items` ADD `voided_at` text;--> statement-breakpoint
ALTER TABLE `dossier_items` ADD `void_reason` text;--> statement-breakpoint
ALTER TABLE `dossier_items` ADD `voided_by` text;--> statement-breakpoint
ALTER TABLE `introducers` ADD `voided_at` text;--> statement-breakpoint
ALTER TABLE `introducers` ADD `void_reason` text;--> statement-breakpoint
ALTER TABLE `introducers` ADD `voided_by` text;--> statement-breakpoint
ALTER TABLE `mentor_assignments` ADD `voided_at` text;--> statement-breakpoint
ALTER TABLE `mentor_assignments` ADD `void_reason` text;--> statement-breakpoint
ALTER TABLE `mentor_assignments` ADD `voided_by` text;
--> statement-breakpoint
-- Corrections (docs/corrections.md): a wrong record is voided, never deleted nor edited afterwards. A voided row is
-- history, so the database refuses to change it (a superior's mirror is replaced by deleting and inserting, never by
-- updating). A candidate voided stays a row the report summary triggers may still touch, so only its void is final.
CREATE TRIGGER `dossier_items_voided_frozen` BEFORE UPDATE ON `dossier_items` WHEN OLD.`voided_at` IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a voided record is history'); END;
--> statement-breakpoint
CREATE TRIGGER `introducers_voided_frozen` BEFORE UPDATE ON `introducers` WHEN OLD.`voided_at` IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a voided record is history'); END;
--> statement-breakpoint
CREATE TRIGGER `mentor_assignments_voided_frozen` BEFORE UPDATE ON `mentor_assignments` WHEN OLD.`voided_at` IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a voided record is history'); END;
--> statement-breakpoint
CREATE TRIGGER `members_voided_frozen` BEFORE UPDATE ON `members` WHEN OLD.`voided_at` IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a voided record is history'); END;
--> statement-breakpoint
CREATE TRIGGER `candidates_void_final` BEFORE UPDATE OF `voided_at`, `void_reason`, `voided_by` ON `candidates` WHEN OLD.`voided_at` IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a voided record is history'); END;
--> statement-breakpoint
-- Documents, introducers, mentors and members already drop findings on any UPDATE (migration 0011); a candidate's
-- void is not among the profile columns that do, and its findings must not outlive it.
CREATE TRIGGER `findings_gone_with_void` AFTER UPDATE OF `voided_at` ON `candidates` WHEN NEW.`voided_at` IS NOT NULL
BEGIN
  DELETE FROM `candidate_findings` WHERE `candidate_id` = NEW.`id`;
  DELETE FROM `reported_findings` WHERE `candidate_id` = NEW.`id`;
END;
