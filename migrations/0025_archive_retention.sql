ALTER TABLE `inbox` ADD `moved_to` text;--> statement-breakpoint
ALTER TABLE `inbox` ADD `size` integer;