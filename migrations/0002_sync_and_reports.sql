CREATE TABLE `candidate_findings` (
	`candidate_id` text PRIMARY KEY NOT NULL,
	`as_of` text NOT NULL,
	`rulebook_version` text NOT NULL,
	`findings` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `directive_items` (
	`id` text PRIMARY KEY NOT NULL,
	`bundle_sha256` text,
	`from_code` text NOT NULL,
	`to_code` text NOT NULL,
	`kind` text NOT NULL,
	`candidate_ref` text,
	`body` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `frozen_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_code` text NOT NULL,
	`period` text NOT NULL,
	`version` integer NOT NULL,
	`number` text NOT NULL,
	`issued_on` text NOT NULL,
	`frozen_at` text NOT NULL,
	`reason` text,
	`content` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `frozen_reports_period` ON `frozen_reports` (`unit_code`,`period`,`version`);--> statement-breakpoint
CREATE TABLE `inbox` (
	`sha256` text PRIMARY KEY NOT NULL,
	`file_name` text NOT NULL,
	`received_at` text NOT NULL,
	`bundle_id` text,
	`from_code` text,
	`kind` text,
	`label` text,
	`seq` integer,
	`status` text NOT NULL,
	`error_code` text,
	`message` text,
	`summary` text,
	`bytes` blob NOT NULL
);
--> statement-breakpoint
CREATE INDEX `inbox_from` ON `inbox` (`from_code`,`seq`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`bundle_id` text PRIMARY KEY NOT NULL,
	`to_code` text NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`seq` integer NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`sums_sha256` text NOT NULL,
	`created_at` text NOT NULL,
	`bytes` blob NOT NULL
);
--> statement-breakpoint
CREATE TABLE `quarantine` (
	`id` text PRIMARY KEY NOT NULL,
	`bundle_sha256` text NOT NULL,
	`from_code` text NOT NULL,
	`record_kind` text NOT NULL,
	`record_key` text NOT NULL,
	`reason` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` text NOT NULL,
	`resolved_at` text
);
--> statement-breakpoint
CREATE INDEX `quarantine_from` ON `quarantine` (`from_code`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`peer_code` text NOT NULL,
	`direction` text NOT NULL,
	`last_seq` integer NOT NULL,
	`last_sums_sha256` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`peer_code`, `direction`)
);
--> statement-breakpoint
CREATE TABLE `unit_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_code` text NOT NULL,
	`kind` text NOT NULL,
	`public_key` text NOT NULL,
	`private_key` text,
	`fingerprint` text NOT NULL,
	`status` text NOT NULL,
	`verified_at` text,
	`created_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `unit_keys_unit` ON `unit_keys` (`unit_code`,`kind`,`status`);