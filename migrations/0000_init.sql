CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`detail` text
);
--> statement-breakpoint
CREATE TABLE `holidays` (
	`date` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`source` text,
	`confirmed` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `targets` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_code` text NOT NULL,
	`year` integer NOT NULL,
	`period` text NOT NULL,
	`kind` text NOT NULL,
	`value` integer NOT NULL,
	`source` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `units` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`parent_code` text,
	`origin` text NOT NULL,
	`has_youth_union` integer DEFAULT true NOT NULL,
	`ducs_members` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `candidates` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_code` text NOT NULL,
	`full_name` text NOT NULL,
	`search_key` text NOT NULL,
	`sort_key` text NOT NULL,
	`gender` text,
	`birth_date` text NOT NULL,
	`education` text,
	`education_exception` text,
	`youth_union_member` integer,
	`trade_union_member` integer,
	`introduction_path` text,
	`ethnicity` text,
	`religion` text,
	`occupation` text,
	`non_state_enterprise` integer,
	`stage` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `candidates_unit_sort` ON `candidates` (`unit_code`,`sort_key`);--> statement-breakpoint
CREATE INDEX `candidates_unit_stage` ON `candidates` (`unit_code`,`stage`);--> statement-breakpoint
CREATE INDEX `candidates_identity` ON `candidates` (`unit_code`,`search_key`,`birth_date`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_code` text NOT NULL,
	`full_name` text NOT NULL,
	`search_key` text NOT NULL,
	`sort_key` text NOT NULL,
	`gender` text,
	`birth_date` text,
	`status` text NOT NULL,
	`joined_on` text,
	`full_member_since` text,
	`exempt` integer DEFAULT false NOT NULL,
	`left_on` text,
	`left_reason` text,
	`candidate_id` text,
	`note` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `members_unit_sort` ON `members` (`unit_code`,`sort_key`);--> statement-breakpoint
CREATE INDEX `members_unit_search` ON `members` (`unit_code`,`search_key`);--> statement-breakpoint
CREATE INDEX `members_candidate` ON `members` (`candidate_id`);--> statement-breakpoint
CREATE TABLE `candidate_events` (
	`id` text PRIMARY KEY NOT NULL,
	`candidate_id` text NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`date` text NOT NULL,
	`payload` text NOT NULL,
	`voids_id` text,
	`reason` text,
	`author` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_candidate` ON `candidate_events` (`candidate_id`,`seq`);--> statement-breakpoint
CREATE TABLE `dossier_items` (
	`id` text PRIMARY KEY NOT NULL,
	`candidate_id` text NOT NULL,
	`form` text NOT NULL,
	`date` text NOT NULL,
	`signer` text,
	`issuer` text,
	`note` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dossier_items_candidate` ON `dossier_items` (`candidate_id`);--> statement-breakpoint
CREATE TABLE `introducers` (
	`id` text PRIMARY KEY NOT NULL,
	`candidate_id` text NOT NULL,
	`member_id` text,
	`name` text NOT NULL,
	`full_member_since` text,
	`worked_together_since` text,
	`replacement` integer DEFAULT false NOT NULL,
	`letter_date` text,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `introducers_candidate` ON `introducers` (`candidate_id`);--> statement-breakpoint
CREATE TABLE `mentor_assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`candidate_id` text NOT NULL,
	`member_id` text,
	`mentor_name` text NOT NULL,
	`role` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mentors_candidate` ON `mentor_assignments` (`candidate_id`);