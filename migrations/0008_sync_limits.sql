ALTER TABLE `directive_items` ADD `acknowledged_at` text;--> statement-breakpoint
ALTER TABLE `inbox` ADD `numbering` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `numbering` integer DEFAULT 0 NOT NULL;