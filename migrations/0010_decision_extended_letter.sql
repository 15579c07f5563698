-- The extension of the admission decision deadline (event DECISION_EXTENDED, rules v2) gets its report letter, so
-- the event can be recorded; reports count no flow for it. Letters are never changed, only added.
INSERT INTO `report_event_letters` (`type`, `letter`) VALUES ('DECISION_EXTENDED', 'p');
