CREATE TABLE `report_event_letters` (
	`type` text PRIMARY KEY NOT NULL,
	`letter` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_event_letters_letter_unique` ON `report_event_letters` (`letter`);--> statement-breakpoint
ALTER TABLE `candidates` ADD `report_events` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `candidates` ADD `report_findings` text;--> statement-breakpoint
ALTER TABLE `candidates` ADD `report_findings_as_of` text;--> statement-breakpoint
CREATE INDEX `members_unit_status` ON `members` (`unit_code`,`status`,`full_member_since`,`left_on`);--> statement-breakpoint
-- Reports read a summary kept on each candidate row instead of its events and findings (db/schema/people.ts,
-- electron/core/services/report-loader.ts). It is a cache the database keeps itself, by the triggers below, so no
-- writer (a service, a bulk import, the mirror of a unit below) can leave it behind. Letters are stored in
-- databases: never change one, only add rows for new event types.
INSERT INTO `report_event_letters` (`type`, `letter`) VALUES
  ('SOURCE_PROPOSED', 'a'), ('LISTED', 'b'), ('COURSE_CERTIFIED', 'c'), ('DOSSIER_STARTED', 'd'), ('CHI_BO_VOTED', 'e'),
  ('DUCS_VOTED', 'f'), ('ADMISSION_DECIDED', 'g'), ('CEREMONY_HELD', 'h'), ('NEW_MEMBER_COURSE_DONE', 'i'),
  ('RECOGNITION_VOTED', 'j'), ('DUCS_RECOGNITION_VOTED', 'k'), ('RECOGNITION_DECIDED', 'l'), ('WITHDRAWN', 'm'),
  ('STRUCK_OFF', 'n'), ('TRANSFERRED_OUT', 'o');
--> statement-breakpoint
-- A new event appends its token (reports take events in any order). An event type without a letter is refused
-- rather than left out of every report.
CREATE TRIGGER `candidate_events_report_add` AFTER INSERT ON `candidate_events` WHEN NEW.`type` <> 'VOID'
BEGIN
  UPDATE `candidates`
  SET `report_events` = `report_events` || CASE WHEN `report_events` = '' THEN '' ELSE ',' END
    || coalesce((SELECT `letter` FROM `report_event_letters` WHERE `type` = NEW.`type`), RAISE(ABORT, 'event type without a report letter'))
    || NEW.`date`
  WHERE `id` = NEW.`candidate_id`;
END;
--> statement-breakpoint
-- A void takes an event out: the summary is rebuilt from the events in force (neither VOID rows nor what they void).
-- Events are never deleted but with their candidate (a mirror replaced whole), so no trigger on DELETE.
CREATE TRIGGER `candidate_events_report_void` AFTER INSERT ON `candidate_events` WHEN NEW.`type` = 'VOID'
BEGIN
  UPDATE `candidates`
  SET `report_events` = ifnull((
    SELECT group_concat(l.`letter` || e.`date`, ',' ORDER BY e.`date`, e.`seq`)
    FROM `candidate_events` e JOIN `report_event_letters` l ON l.`type` = e.`type`
    WHERE e.`candidate_id` = NEW.`candidate_id`
      AND NOT EXISTS (SELECT 1 FROM `candidate_events` v WHERE v.`candidate_id` = e.`candidate_id` AND v.`type` = 'VOID' AND v.`voids_id` = e.`id`)
  ), '')
  WHERE `id` = NEW.`candidate_id`;
END;
--> statement-breakpoint
UPDATE `candidates`
SET `report_events` = ifnull((
  SELECT group_concat(l.`letter` || e.`date`, ',' ORDER BY e.`date`, e.`seq`)
  FROM `candidate_events` e JOIN `report_event_letters` l ON l.`type` = e.`type`
  WHERE e.`candidate_id` = `candidates`.`id`
    AND NOT EXISTS (SELECT 1 FROM `candidate_events` v WHERE v.`candidate_id` = e.`candidate_id` AND v.`type` = 'VOID' AND v.`voids_id` = e.`id`)
), '');
--> statement-breakpoint
-- Stored findings as code:severity pairs (an upsert fires the insert or the update trigger). A comma inside a code
-- (only a damaged or forged bundle could carry one) becomes a space so it cannot split the list.
CREATE TRIGGER `candidate_findings_report_insert` AFTER INSERT ON `candidate_findings`
BEGIN
  UPDATE `candidates`
  SET `report_findings` = ifnull((SELECT group_concat(replace(j.value ->> '$.code', ',', ' ') || ':' || (j.value ->> '$.severity'), ',' ORDER BY j.key) FROM json_each(NEW.`findings`) j), ''),
    `report_findings_as_of` = NEW.`as_of`
  WHERE `id` = NEW.`candidate_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `candidate_findings_report_update` AFTER UPDATE ON `candidate_findings`
BEGIN
  UPDATE `candidates` SET `report_findings` = NULL, `report_findings_as_of` = NULL
  WHERE `id` = OLD.`candidate_id` AND OLD.`candidate_id` <> NEW.`candidate_id`;
  UPDATE `candidates`
  SET `report_findings` = ifnull((SELECT group_concat(replace(j.value ->> '$.code', ',', ' ') || ':' || (j.value ->> '$.severity'), ',' ORDER BY j.key) FROM json_each(NEW.`findings`) j), ''),
    `report_findings_as_of` = NEW.`as_of`
  WHERE `id` = NEW.`candidate_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `candidate_findings_report_delete` AFTER DELETE ON `candidate_findings`
BEGIN
  UPDATE `candidates` SET `report_findings` = NULL, `report_findings_as_of` = NULL WHERE `id` = OLD.`candidate_id`;
END;
--> statement-breakpoint
UPDATE `candidates`
SET `report_findings` = ifnull((SELECT group_concat(replace(j.value ->> '$.code', ',', ' ') || ':' || (j.value ->> '$.severity'), ',' ORDER BY j.key) FROM json_each(f.`findings`) j), ''),
  `report_findings_as_of` = f.`as_of`
FROM `candidate_findings` f
WHERE f.`candidate_id` = `candidates`.`id`;
