DROP INDEX `candidate_findings_as_of`;--> statement-breakpoint
ALTER TABLE `candidate_findings` ADD `valid_until` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `candidate_findings_valid` ON `candidate_findings` (`valid_until`,`as_of`,`candidate_id`);--> statement-breakpoint
ALTER TABLE `candidates` ADD `report_findings_until` text;--> statement-breakpoint
-- Findings hold from as_of through valid_until. Rows written before this column were computed for their day only.
DROP TRIGGER `candidate_findings_report_insert`;
--> statement-breakpoint
DROP TRIGGER `candidate_findings_report_update`;
--> statement-breakpoint
UPDATE `candidate_findings` SET `valid_until` = `as_of`;
--> statement-breakpoint
UPDATE `candidates` SET `report_findings_until` = `report_findings_as_of`;
--> statement-breakpoint
-- The report summary on the candidate row says for which days its findings hold, as candidate_findings does.
CREATE TRIGGER `candidate_findings_report_insert` AFTER INSERT ON `candidate_findings`
BEGIN
  UPDATE `candidates`
  SET `report_findings` = ifnull((SELECT group_concat(replace(j.value ->> '$.code', ',', ' ') || ':' || (j.value ->> '$.severity'), ',' ORDER BY j.key) FROM json_each(NEW.`findings`) j), ''),
    `report_findings_as_of` = NEW.`as_of`,
    `report_findings_until` = NEW.`valid_until`
  WHERE `id` = NEW.`candidate_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `candidate_findings_report_update` AFTER UPDATE ON `candidate_findings`
BEGIN
  UPDATE `candidates` SET `report_findings` = NULL, `report_findings_as_of` = NULL, `report_findings_until` = NULL
  WHERE `id` = OLD.`candidate_id` AND OLD.`candidate_id` <> NEW.`candidate_id`;
  UPDATE `candidates`
  SET `report_findings` = ifnull((SELECT group_concat(replace(j.value ->> '$.code', ',', ' ') || ':' || (j.value ->> '$.severity'), ',' ORDER BY j.key) FROM json_each(NEW.`findings`) j), ''),
    `report_findings_as_of` = NEW.`as_of`,
    `report_findings_until` = NEW.`valid_until`
  WHERE `id` = NEW.`candidate_id`;
END;
--> statement-breakpoint
DROP TRIGGER `candidate_findings_report_delete`;
--> statement-breakpoint
CREATE TRIGGER `candidate_findings_report_delete` AFTER DELETE ON `candidate_findings`
BEGIN
  UPDATE `candidates` SET `report_findings` = NULL, `report_findings_as_of` = NULL, `report_findings_until` = NULL WHERE `id` = OLD.`candidate_id`;
END;
