CREATE INDEX `introducers_member` ON `introducers` (`member_id`);--> statement-breakpoint
CREATE INDEX `mentors_member` ON `mentor_assignments` (`member_id`);