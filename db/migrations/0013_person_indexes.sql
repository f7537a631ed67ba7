CREATE INDEX `attendance_changes_person_idx` ON `attendance_changes` (`person_id`);--> statement-breakpoint
CREATE INDEX `attendance_changes_substitute_for_idx` ON `attendance_changes` (`substitute_for_person_id`);--> statement-breakpoint
CREATE INDEX `invitations_person_idx` ON `invitations` (`person_id`);--> statement-breakpoint
CREATE INDEX `survey_links_person_idx` ON `survey_links` (`person_id`);--> statement-breakpoint
CREATE INDEX `survey_receipts_person_idx` ON `survey_receipts` (`person_id`);