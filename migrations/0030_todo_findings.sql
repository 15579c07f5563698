ALTER TABLE `candidates` ADD `todo_findings` text;--> statement-breakpoint
-- What the to-do list sorts and counts by, beside the report summary and kept by the same triggers: code, severity
-- and due date of each stored finding, in their order (the page's messages are read for its own rows only).
DROP TRIGGER `candidate_findings_report_insert`;
--> statement-breakpoint
DROP TRIGGER `candidate_findings_report_update`;
--> statement-breakpoint
DROP TRIGGER `candidate_findings_report_delete`;
--> statement-breakpoint
CREATE TRIGGER `candidate_findings_report_insert` AFTER INSERT ON `candidate_findings`
BEGIN
  UPDATE `candidates`
  SET `report_findings` = ifnull((SELECT group_concat(replace(j.value ->> '$.code', ',', ' ') || ':' || (j.value ->> '$.severity'), ',' ORDER BY j.key) FROM json_each(NEW.`findings`) j), ''),
    `todo_findings` = (SELECT json_group_array(json_array(j.value ->> '$.code', j.value ->> '$.severity', j.value ->> '$.due') ORDER BY j.key) FROM json_each(NEW.`findings`) j),
    `report_findings_as_of` = NEW.`as_of`,
    `report_findings_until` = NEW.`valid_until`
  WHERE `id` = NEW.`candidate_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `candidate_findings_report_update` AFTER UPDATE ON `candidate_findings`
BEGIN
  UPDATE `candidates` SET `report_findings` = NULL, `todo_findings` = NULL, `report_findings_as_of` = NULL, `report_findings_until` = NULL
  WHERE `id` = OLD.`candidate_id` AND OLD.`candidate_id` <> NEW.`candidate_id`;
  UPDATE `candidates`
  SET `report_findings` = ifnull((SELECT group_concat(replace(j.value ->> '$.code', ',', ' ') || ':' || (j.value ->> '$.severity'), ',' ORDER BY j.key) FROM json_each(NEW.`findings`) j), ''),
    `todo_findings` = (SELECT json_group_array(json_array(j.value ->> '$.code', j.value ->> '$.severity', j.value ->> '$.due') ORDER BY j.key) FROM json_each(NEW.`findings`) j),
    `report_findings_as_of` = NEW.`as_of`,
    `report_findings_until` = NEW.`valid_until`
  WHERE `id` = NEW.`candidate_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `candidate_findings_report_delete` AFTER DELETE ON `candidate_findings`
BEGIN
  UPDATE `candidates` SET `report_findings` = NULL, `todo_findings` = NULL, `report_findings_as_of` = NULL, `report_findings_until` = NULL WHERE `id` = OLD.`candidate_id`;
END;
--> statement-breakpoint
-- Findings already stored keep holding after the upgrade: their to-do keys are read from them, not re-evaluated.
UPDATE `candidates` SET `todo_findings` = (
  SELECT json_group_array(json_array(j.value ->> '$.code', j.value ->> '$.severity', j.value ->> '$.due') ORDER BY j.key)
  FROM `candidate_findings` f, json_each(f.`findings`) j WHERE f.`candidate_id` = `candidates`.`id`
) WHERE `id` IN (SELECT `candidate_id` FROM `candidate_findings`);
--> statement-breakpoint
CREATE INDEX `candidates_todo` ON `candidates` (`unit_code`,`id`,`full_name`,`stage`,`report_findings_as_of`,`report_findings_until`,`todo_findings`) WHERE "candidates"."voided_at" IS NULL;
