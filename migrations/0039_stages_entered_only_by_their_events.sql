-- The course, the recognition votes and an extension of the decision deadline no longer enter a stage (docs/rules.md
-- §2), every introducer needs a letter of their own, a vote recorded with no full member says so, and a recognition
-- vote with no ceremony runs no deadline: the stored findings are dropped, and the stage kept on a candidate row that
-- only such an event had put at «dự bị» or «chi bộ đề nghị» is derived again from its events in force. A row with a
-- terminal event (withdrawn, struck off, moved out) is left for its next event to correct.
DELETE FROM `candidate_findings`;
--> statement-breakpoint
UPDATE `candidates` SET `stage` = (
  SELECT CASE max(CASE e.`type`
      WHEN 'LISTED' THEN 1 WHEN 'COURSE_CERTIFIED' THEN 2 WHEN 'DOSSIER_STARTED' THEN 3 WHEN 'CHI_BO_VOTED' THEN 4
      WHEN 'DUCS_VOTED' THEN 5 WHEN 'ADMISSION_DECIDED' THEN 6 WHEN 'CEREMONY_HELD' THEN 7 WHEN 'RECOGNITION_DECIDED' THEN 8
      ELSE 0 END)
    WHEN 1 THEN 'cam-tinh' WHEN 2 THEN 'da-hoc-lop' WHEN 3 THEN 'lam-ho-so' WHEN 4 THEN 'chi-bo-de-nghi'
    WHEN 5 THEN 'cap-uy-xet' WHEN 6 THEN 'co-quyet-dinh' WHEN 7 THEN 'du-bi' WHEN 8 THEN 'chinh-thuc' ELSE 'nguon' END
  FROM `candidate_events` e
  WHERE e.`candidate_id` = `candidates`.`id` AND e.`type` <> 'VOID'
    AND NOT EXISTS (SELECT 1 FROM `candidate_events` v WHERE v.`candidate_id` = e.`candidate_id` AND v.`type` = 'VOID' AND v.`voids_id` = e.`id`)
)
WHERE ((`stage` = 'du-bi' AND NOT EXISTS (
    SELECT 1 FROM `candidate_events` e WHERE e.`candidate_id` = `candidates`.`id` AND e.`type` IN ('CEREMONY_HELD', 'RECOGNITION_DECIDED')
      AND NOT EXISTS (SELECT 1 FROM `candidate_events` v WHERE v.`candidate_id` = e.`candidate_id` AND v.`type` = 'VOID' AND v.`voids_id` = e.`id`)))
  OR (`stage` = 'chi-bo-de-nghi' AND NOT EXISTS (
    SELECT 1 FROM `candidate_events` e WHERE e.`candidate_id` = `candidates`.`id` AND e.`type` = 'CHI_BO_VOTED'
      AND NOT EXISTS (SELECT 1 FROM `candidate_events` v WHERE v.`candidate_id` = e.`candidate_id` AND v.`type` = 'VOID' AND v.`voids_id` = e.`id`))))
  AND NOT EXISTS (
    SELECT 1 FROM `candidate_events` t WHERE t.`candidate_id` = `candidates`.`id` AND t.`type` IN ('WITHDRAWN', 'STRUCK_OFF', 'TRANSFERRED_OUT')
      AND NOT EXISTS (SELECT 1 FROM `candidate_events` v WHERE v.`candidate_id` = t.`candidate_id` AND v.`type` = 'VOID' AND v.`voids_id` = t.`id`));
