CREATE TABLE `exchange_event_series` (
	`event_id` integer NOT NULL,
	`series_id` integer NOT NULL,
	PRIMARY KEY(`event_id`, `series_id`),
	FOREIGN KEY (`event_id`) REFERENCES `exchange_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exchange_event_series_series_uq` ON `exchange_event_series` (`series_id`);--> statement-breakpoint
CREATE TABLE `exchange_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`format` text DEFAULT 'pa_plats' NOT NULL,
	`venue` text,
	`meeting_link` text,
	`expert` text,
	`process_leader_id` integer,
	`notes` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`process_leader_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `exchange_events_starts_idx` ON `exchange_events` (`starts_at`);--> statement-breakpoint
CREATE TABLE `prep_materials` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_session_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`author` text,
	`year` integer,
	`url` text,
	`file_key` text,
	`file_name` text,
	`file_size` integer,
	`duration_minutes` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`series_session_id`) REFERENCES `series_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `prep_materials_session_idx` ON `prep_materials` (`series_session_id`);--> statement-breakpoint
CREATE TABLE `reflection_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_session_id` integer NOT NULL,
	`text` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`series_session_id`) REFERENCES `series_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reflection_questions_session_idx` ON `reflection_questions` (`series_session_id`);--> statement-breakpoint
CREATE TABLE `series_readiness` (
	`series_id` integer PRIMARY KEY NOT NULL,
	`purpose` text,
	`initiator_mandate` text,
	`participating_functions` text,
	`motivation` text,
	`continuation` text,
	`ongoing_work` text,
	`updated_at` integer,
	`updated_by_id` integer,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `series_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`minimum_months_between` integer,
	`interval_days` integer,
	`default_start_time` text DEFAULT '08:30' NOT NULL,
	`default_end_time` text DEFAULT '12:00' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `series_templates_name_uq` ON `series_templates` (`name`);--> statement-breakpoint
CREATE TABLE `template_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_id` integer NOT NULL,
	`position` integer NOT NULL,
	`kind` text DEFAULT 'seminarium' NOT NULL,
	`title` text NOT NULL,
	`theme` text,
	`expert` text,
	`study_material` text,
	`prep_hours` real,
	FOREIGN KEY (`template_id`) REFERENCES `series_templates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `template_sessions_position_uq` ON `template_sessions` (`template_id`,`position`);--> statement-breakpoint
ALTER TABLE `series` ADD `template_id` integer REFERENCES series_templates(id);--> statement-breakpoint
ALTER TABLE `series_sessions` ADD `theme` text;--> statement-breakpoint
ALTER TABLE `series_sessions` ADD `prep_hours` real;--> statement-breakpoint
ALTER TABLE `series_sessions` ADD `override_reason` text;--> statement-breakpoint
ALTER TABLE `users` ADD `calendar_token_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_calendar_token_uq` ON `users` (`calendar_token_hash`);