ALTER TABLE `directive_items` ADD `resolved_at` text;--> statement-breakpoint
ALTER TABLE `directive_items` ADD `answer` text;