DROP INDEX `members_unit_status`;--> statement-breakpoint
CREATE INDEX `members_unit_status` ON `members` (`unit_code`,`status`,`full_member_since`,`left_on`,`voided_at`);