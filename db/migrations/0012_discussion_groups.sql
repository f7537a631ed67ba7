CREATE TABLE `group_members` (
	`group_set_id` integer NOT NULL,
	`group_no` integer NOT NULL,
	`person_id` integer NOT NULL,
	`name` text NOT NULL,
	`sector` text NOT NULL,
	`role_category` text NOT NULL,
	`organisation_id` integer,
	`organisation_name` text,
	`series_id` integer,
	`facilitator` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`group_set_id`, `person_id`),
	FOREIGN KEY (`group_set_id`) REFERENCES `group_sets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `group_members_set_group_idx` ON `group_members` (`group_set_id`,`group_no`);--> statement-breakpoint
CREATE INDEX `group_members_person_idx` ON `group_members` (`person_id`);--> statement-breakpoint
CREATE TABLE `group_sets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_session_id` integer,
	`exchange_event_id` integer,
	`seed` integer NOT NULL,
	`group_count` integer NOT NULL,
	`settings` text NOT NULL,
	`status` text DEFAULT 'utkast' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by_id` integer,
	`published_at` integer,
	FOREIGN KEY (`series_session_id`) REFERENCES `series_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`exchange_event_id`) REFERENCES `exchange_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `group_sets_session_uq` ON `group_sets` (`series_session_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `group_sets_event_uq` ON `group_sets` (`exchange_event_id`);