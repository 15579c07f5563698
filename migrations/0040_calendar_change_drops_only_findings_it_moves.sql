-- A calendar day changed (a holiday added for next year's Tết, a day confirmed) dropped every stored finding, so the
-- next screens evaluated every dossier again. A row now keeps the days its working-day deadlines were counted over
-- (`Evaluation.calendarSpan`), and a change drops only the rows whose span comes within 31 days of the changed day:
-- a weekend holiday moves the day off that compensates it, and a listed compensatory day the one it replaces, a few
-- days away at most (Tết, the longest run of days off, is under two weeks). Confirming a day or renaming it changes
-- no working day and drops nothing. Rows stored before have no span: they are dropped here (which also drops the
-- findings of a file listing one introducer twice, now counted once).
DELETE FROM `candidate_findings`;
--> statement-breakpoint
DELETE FROM `period_findings`;
--> statement-breakpoint
ALTER TABLE `candidate_findings` ADD `calendar_from` text;
--> statement-breakpoint
ALTER TABLE `candidate_findings` ADD `calendar_to` text;
--> statement-breakpoint
ALTER TABLE `period_findings` ADD `calendar_from` text;
--> statement-breakpoint
ALTER TABLE `period_findings` ADD `calendar_to` text;
--> statement-breakpoint
DROP TRIGGER `findings_stale_calendar_insert`;
--> statement-breakpoint
DROP TRIGGER `findings_stale_calendar_update`;
--> statement-breakpoint
DROP TRIGGER `findings_stale_calendar_delete`;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_calendar_insert` AFTER INSERT ON `holidays`
BEGIN
  DELETE FROM `candidate_findings` WHERE `calendar_to` >= date(NEW.`date`, '-31 days') AND `calendar_from` <= date(NEW.`date`, '+31 days');
  DELETE FROM `period_findings` WHERE `calendar_to` >= date(NEW.`date`, '-31 days') AND `calendar_from` <= date(NEW.`date`, '+31 days');
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_calendar_update` AFTER UPDATE ON `holidays` WHEN OLD.`date` <> NEW.`date` OR OLD.`kind` <> NEW.`kind`
BEGIN
  DELETE FROM `candidate_findings` WHERE (`calendar_to` >= date(OLD.`date`, '-31 days') AND `calendar_from` <= date(OLD.`date`, '+31 days'))
    OR (`calendar_to` >= date(NEW.`date`, '-31 days') AND `calendar_from` <= date(NEW.`date`, '+31 days'));
  DELETE FROM `period_findings` WHERE (`calendar_to` >= date(OLD.`date`, '-31 days') AND `calendar_from` <= date(OLD.`date`, '+31 days'))
    OR (`calendar_to` >= date(NEW.`date`, '-31 days') AND `calendar_from` <= date(NEW.`date`, '+31 days'));
END;
--> statement-breakpoint
CREATE TRIGGER `findings_stale_calendar_delete` AFTER DELETE ON `holidays`
BEGIN
  DELETE FROM `candidate_findings` WHERE `calendar_to` >= date(OLD.`date`, '-31 days') AND `calendar_from` <= date(OLD.`date`, '+31 days');
  DELETE FROM `period_findings` WHERE `calendar_to` >= date(OLD.`date`, '-31 days') AND `calendar_from` <= date(OLD.`date`, '+31 days');
END;
