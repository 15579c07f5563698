-- The findings store's writer (upsertFindings) sets the candidate row's report summary and to-do keys itself, made
-- from the findings it evaluated, before it stores them: parsing each stored row's JSON again in SQL was a third of
-- storing a day's findings. The triggers still make both for any other writer; they skip a row whose candidate
-- already carries them for the same days. Findings are only rewritten for the same days when nothing they are
-- computed from changed (any change deletes the row first, which clears the summary), so that summary is this row's.
DROP TRIGGER `candidate_findings_report_insert`;
--> statement-breakpoint
CREATE TRIGGER `candidate_findings_report_insert` AFTER INSERT ON `candidate_findings`
WHEN NOT EXISTS (SELECT 1 FROM `candidates` WHERE `id` = NEW.`candidate_id` AND `report_findings` IS NOT NULL AND `todo_findings` IS NOT NULL AND `report_findings_as_of` = NEW.`as_of` AND `report_findings_until` = NEW.`valid_until`)
BEGIN
  UPDATE `candidates`
  SET `report_findings` = ifnull((SELECT group_concat(replace(j.value ->> '$.code', ',', ' ') || ':' || (j.value ->> '$.severity'), ',' ORDER BY j.key) FROM json_each(NEW.`findings`) j), ''),
    `todo_findings` = (SELECT json_group_array(json_array(j.value ->> '$.code', j.value ->> '$.severity', j.value ->> '$.due') ORDER BY j.key) FROM json_each(NEW.`findings`) j),
    `report_findings_as_of` = NEW.`as_of`,
    `report_findings_until` = NEW.`valid_until`
  WHERE `id` = NEW.`candidate_id`;
END;
--> statement-breakpoint
DROP TRIGGER `candidate_findings_report_update`;
--> statement-breakpoint
CREATE TRIGGER `candidate_findings_report_update` AFTER UPDATE ON `candidate_findings`
WHEN OLD.`candidate_id` <> NEW.`candidate_id`
  OR NOT EXISTS (SELECT 1 FROM `candidates` WHERE `id` = NEW.`candidate_id` AND `report_findings` IS NOT NULL AND `todo_findings` IS NOT NULL AND `report_findings_as_of` = NEW.`as_of` AND `report_findings_until` = NEW.`valid_until`)
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
