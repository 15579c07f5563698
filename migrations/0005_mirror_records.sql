CREATE TABLE `mirror_records` (
	`unit_code` text NOT NULL,
	`record_kind` text NOT NULL,
	`source_id` text NOT NULL,
	`local_id` text NOT NULL,
	`sha256` text NOT NULL,
	PRIMARY KEY(`unit_code`, `record_kind`, `source_id`)
);
--> statement-breakpoint
CREATE INDEX `mirror_records_local` ON `mirror_records` (`local_id`);--> statement-breakpoint
ALTER TABLE `inbox` ADD `sums_sha256` text;