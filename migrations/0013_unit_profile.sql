ALTER TABLE `units` ADD `has_trade_union` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `units` ADD `secretary_name` text;--> statement-breakpoint
ALTER TABLE `units` ADD `document_place` text;