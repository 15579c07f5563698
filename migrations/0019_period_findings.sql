CREATE TABLE `period_findings` (
	`candidate_id` text NOT NULL,
	`as_of` text NOT NULL,
	`findings` text NOT NULL,
	PRIMARY KEY(`candidate_id`, `as_of`)
);
--> statement-breakpoint
-- Findings of a past day depend on the same records as the candidate's row in candidate_findings, and a row here is
-- only written while that one exists: whatever drops it (the invalidation triggers of migration 0011, a calendar or
-- rulebook change, the candidate's removal) drops these too, so there is still one invalidation rule.
CREATE TRIGGER `findings_period_stale` AFTER DELETE ON `candidate_findings`
BEGIN
  DELETE FROM `period_findings` WHERE `candidate_id` = OLD.`candidate_id`;
END;
