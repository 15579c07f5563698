CREATE TABLE `report_unit_counts` (
	`unit_code` text NOT NULL,
	`window` text NOT NULL,
	`counts` text NOT NULL,
	PRIMARY KEY(`unit_code`, `window`)
);
--> statement-breakpoint
CREATE TABLE `report_unit_people` (
	`unit_code` text PRIMARY KEY NOT NULL,
	`people` text NOT NULL
);
--> statement-breakpoint
-- A unit's counts and people are made from its candidate rows (profile, stage, and the events and findings summarised
-- on them) and the period findings of those candidates: any change there drops them, whoever writes it.
CREATE TRIGGER `report_unit_counts_candidate_insert` AFTER INSERT ON `candidates`
BEGIN
  DELETE FROM `report_unit_counts` WHERE `unit_code` = NEW.`unit_code`;
  DELETE FROM `report_unit_people` WHERE `unit_code` = NEW.`unit_code`;
END;
--> statement-breakpoint
CREATE TRIGGER `report_unit_counts_candidate_update` AFTER UPDATE ON `candidates`
BEGIN
  DELETE FROM `report_unit_counts` WHERE `unit_code` IN (OLD.`unit_code`, NEW.`unit_code`);
  DELETE FROM `report_unit_people` WHERE `unit_code` IN (OLD.`unit_code`, NEW.`unit_code`);
END;
--> statement-breakpoint
CREATE TRIGGER `report_unit_counts_candidate_delete` AFTER DELETE ON `candidates`
BEGIN
  DELETE FROM `report_unit_counts` WHERE `unit_code` = OLD.`unit_code`;
  DELETE FROM `report_unit_people` WHERE `unit_code` = OLD.`unit_code`;
END;
--> statement-breakpoint
CREATE TRIGGER `report_unit_counts_period_insert` AFTER INSERT ON `period_findings`
BEGIN
  DELETE FROM `report_unit_counts` WHERE `unit_code` = (SELECT `unit_code` FROM `candidates` WHERE `id` = NEW.`candidate_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `report_unit_counts_period_update` AFTER UPDATE ON `period_findings`
BEGIN
  DELETE FROM `report_unit_counts` WHERE `unit_code` IN (SELECT `unit_code` FROM `candidates` WHERE `id` IN (OLD.`candidate_id`, NEW.`candidate_id`));
END;
--> statement-breakpoint
CREATE TRIGGER `report_unit_counts_period_delete` AFTER DELETE ON `period_findings`
BEGIN
  DELETE FROM `report_unit_counts` WHERE `unit_code` = (SELECT `unit_code` FROM `candidates` WHERE `id` = OLD.`candidate_id`);
END;
