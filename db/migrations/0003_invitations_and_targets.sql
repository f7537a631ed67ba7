CREATE TABLE `invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`person_id` integer,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`email_normalized` text NOT NULL,
	`workplace` text,
	`sector` text NOT NULL,
	`job_title` text,
	`status` text DEFAULT 'inbjuden' NOT NULL,
	`decline_reason` text,
	`token_hash` text,
	`sent_at` integer NOT NULL,
	`responded_at` integer,
	`reminder_count` integer DEFAULT 0 NOT NULL,
	`last_reminder_at` integer,
	`auto_reminder_at` integer,
	`created_by_id` integer,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_series_email_uq` ON `invitations` (`series_id`,`email_normalized`);--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_uq` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_status_idx` ON `invitations` (`series_id`,`status`);--> statement-breakpoint
CREATE TABLE `representation_targets` (
	`series_id` integer NOT NULL,
	`sector` text NOT NULL,
	`min_count` integer,
	`min_share_percent` integer,
	PRIMARY KEY(`series_id`, `sector`),
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `template_targets` (
	`template_id` integer NOT NULL,
	`sector` text NOT NULL,
	`min_count` integer,
	`min_share_percent` integer,
	PRIMARY KEY(`template_id`, `sector`),
	FOREIGN KEY (`template_id`) REFERENCES `series_templates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `mail_outbox` ADD `attachment_names` text;--> statement-breakpoint
ALTER TABLE `series` ADD `require_manager_per_sector` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `series` ADD `reminder_days_before` integer DEFAULT 7;