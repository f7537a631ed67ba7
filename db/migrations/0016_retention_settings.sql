CREATE TABLE `retention_settings` (
	`kind` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by_id` integer,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `people` ADD `anonymised_at` integer;--> statement-breakpoint
CREATE INDEX `invitations_email_idx` ON `invitations` (`email_normalized`);--> statement-breakpoint
CREATE INDEX `mail_outbox_to_lower_idx` ON `mail_outbox` (lower("to_address"));--> statement-breakpoint
CREATE INDEX `substitutions_email_idx` ON `substitutions` (`email_normalized`);