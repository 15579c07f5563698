ALTER TABLE `units` ADD `pending_name` text;--> statement-breakpoint
ALTER TABLE `units` ADD `pending_level` text;