ALTER TABLE `targets` ADD `issuer_code` text;--> statement-breakpoint
ALTER TABLE `targets` ADD `issuer_name` text;--> statement-breakpoint
ALTER TABLE `targets` ADD `relayed_id` text;--> statement-breakpoint
-- A target the unit received before this migration came from its direct superior: it names it as the issuer.
UPDATE `targets` SET
  `issuer_code` = (SELECT s.`parent_code` FROM `units` s WHERE s.`origin` = 'self'),
  `issuer_name` = (SELECT coalesce(p.`name`, s.`parent_code`) FROM `units` s LEFT JOIN `units` p ON p.`code` = s.`parent_code` WHERE s.`origin` = 'self')
WHERE `source` = 'superior' AND `unit_code` = (SELECT `code` FROM `units` WHERE `origin` = 'self');
