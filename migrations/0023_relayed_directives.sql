CREATE TABLE `relayed_directives` (
	`id` text PRIMARY KEY NOT NULL,
	`folder` text NOT NULL,
	`issuer_code` text NOT NULL,
	`issuer_name` text NOT NULL,
	`target_code` text NOT NULL,
	`seq` integer NOT NULL,
	`sums_sha256` text NOT NULL,
	`public_key` text NOT NULL,
	`manifest` blob NOT NULL,
	`data` blob NOT NULL,
	`sums` blob NOT NULL,
	`sig` blob NOT NULL,
	`via_code` text,
	`via_name` text,
	`carried_in` text,
	`applied_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `relayed_directives_sums_sha256_unique` ON `relayed_directives` (`sums_sha256`);--> statement-breakpoint
CREATE INDEX `relayed_directives_target` ON `relayed_directives` (`target_code`,`carried_in`);--> statement-breakpoint
ALTER TABLE `directive_items` ADD `relayed_id` text;