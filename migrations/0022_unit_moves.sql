CREATE TABLE `unit_moves` (
	`unit_code` text NOT NULL,
	`from_code` text NOT NULL,
	`from_name` text NOT NULL,
	`to_code` text NOT NULL,
	`to_name` text NOT NULL,
	`moved_on` text NOT NULL,
	`source` text NOT NULL,
	`recorded_at` text NOT NULL,
	PRIMARY KEY(`unit_code`, `from_code`, `to_code`, `moved_on`)
);
