CREATE TABLE `forwarded_snapshots` (
	`unit_code` text PRIMARY KEY NOT NULL,
	`via_code` text NOT NULL,
	`seq` integer NOT NULL,
	`sums_sha256` text NOT NULL,
	`public_key` text NOT NULL,
	`manifest` blob NOT NULL,
	`data` blob NOT NULL,
	`sums` blob NOT NULL,
	`sig` blob NOT NULL,
	`applied_at` text NOT NULL,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
