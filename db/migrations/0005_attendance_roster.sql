CREATE TABLE `attendance_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`series_session_id` integer,
	`exchange_event_id` integer,
	`person_id` integer NOT NULL,
	`status` text,
	`substitute_for_person_id` integer,
	`source` text NOT NULL,
	`changed_by_id` integer,
	`changed_at` integer NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`series_session_id`) REFERENCES `series_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`exchange_event_id`) REFERENCES `exchange_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`substitute_for_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `attendance_changes_session_idx` ON `attendance_changes` (`series_session_id`,`changed_at`);--> statement-breakpoint
CREATE INDEX `attendance_changes_event_idx` ON `attendance_changes` (`exchange_event_id`,`changed_at`);--> statement-breakpoint
CREATE TABLE `checkin_tokens` (
	`person_id` integer PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkin_tokens_token_hash_unique` ON `checkin_tokens` (`token_hash`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_attendance` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`series_session_id` integer,
	`exchange_event_id` integer,
	`person_id` integer NOT NULL,
	`status` text NOT NULL,
	`substitute_for_person_id` integer,
	`walk_in` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	`updated_by_id` integer,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`series_session_id`) REFERENCES `series_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`exchange_event_id`) REFERENCES `exchange_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`substitute_for_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
-- Hand-edited: the old table had no series_id; it comes from the session.
INSERT INTO `__new_attendance`("id", "series_id", "series_session_id", "exchange_event_id", "person_id", "status", "substitute_for_person_id", "walk_in", "created_at", "updated_at", "updated_by_id") SELECT a."id", s."series_id", a."series_session_id", NULL, a."person_id", a."status", NULL, 0, a."created_at", NULL, NULL FROM `attendance` a JOIN `series_sessions` s ON s."id" = a."series_session_id";--> statement-breakpoint
DROP TABLE `attendance`;--> statement-breakpoint
ALTER TABLE `__new_attendance` RENAME TO `attendance`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `attendance_session_person_uq` ON `attendance` (`series_session_id`,`person_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `attendance_event_person_uq` ON `attendance` (`exchange_event_id`,`person_id`);--> statement-breakpoint
CREATE INDEX `attendance_person_idx` ON `attendance` (`person_id`);--> statement-breakpoint
CREATE INDEX `attendance_series_idx` ON `attendance` (`series_id`);--> statement-breakpoint
CREATE INDEX `attendance_substitute_for_idx` ON `attendance` (`substitute_for_person_id`);--> statement-breakpoint
ALTER TABLE `exchange_events` ADD `checkin_code` text;--> statement-breakpoint
ALTER TABLE `exchange_events` ADD `checkin_margin_minutes` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `exchange_events_checkin_code_uq` ON `exchange_events` (`checkin_code`);--> statement-breakpoint
ALTER TABLE `series_sessions` ADD `checkin_code` text;--> statement-breakpoint
ALTER TABLE `series_sessions` ADD `checkin_margin_minutes` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `series_sessions_checkin_code_uq` ON `series_sessions` (`checkin_code`);