CREATE TABLE `data_request_series` (
	`data_request_id` integer NOT NULL,
	`series_id` integer NOT NULL,
	PRIMARY KEY(`data_request_id`, `series_id`),
	FOREIGN KEY (`data_request_id`) REFERENCES `data_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `data_request_series_series_idx` ON `data_request_series` (`series_id`);--> statement-breakpoint
CREATE TABLE `data_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`kind` text NOT NULL,
	`message` text NOT NULL,
	`status` text DEFAULT 'ny' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`handled_at` integer,
	`handled_by_id` integer,
	`handling_note` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`handled_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `data_requests_status_idx` ON `data_requests` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `data_requests_person_idx` ON `data_requests` (`person_id`);--> statement-breakpoint
CREATE TABLE `magic_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`redirect_to` text,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `magic_links_hash_uq` ON `magic_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `magic_links_person_idx` ON `magic_links` (`person_id`);--> statement-breakpoint
CREATE TABLE `participant_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `participant_sessions_person_idx` ON `participant_sessions` (`person_id`);--> statement-breakpoint
CREATE TABLE `prep_progress` (
	`person_id` integer NOT NULL,
	`prep_material_id` integer NOT NULL,
	`done_at` integer NOT NULL,
	PRIMARY KEY(`person_id`, `prep_material_id`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`prep_material_id`) REFERENCES `prep_materials`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `prep_progress_material_idx` ON `prep_progress` (`prep_material_id`);--> statement-breakpoint
CREATE TABLE `reflections` (
	`person_id` integer NOT NULL,
	`reflection_question_id` integer NOT NULL,
	`text` text NOT NULL,
	`shared` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`person_id`, `reflection_question_id`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reflection_question_id`) REFERENCES `reflection_questions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reflections_question_idx` ON `reflections` (`reflection_question_id`,`shared`);--> statement-breakpoint
CREATE TABLE `session_replies` (
	`person_id` integer NOT NULL,
	`series_session_id` integer NOT NULL,
	`reply` text NOT NULL,
	`replied_at` integer NOT NULL,
	PRIMARY KEY(`series_session_id`, `person_id`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`series_session_id`) REFERENCES `series_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `session_replies_person_idx` ON `session_replies` (`person_id`);--> statement-breakpoint
CREATE TABLE `substitutions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`series_session_id` integer NOT NULL,
	`for_person_id` integer NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`email_normalized` text NOT NULL,
	`workplace` text,
	`status` text DEFAULT 'foreslagen' NOT NULL,
	`substitute_person_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`handled_at` integer,
	`handled_by_id` integer,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`series_session_id`) REFERENCES `series_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`for_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`substitute_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`handled_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `substitutions_session_idx` ON `substitutions` (`series_session_id`,`status`);--> statement-breakpoint
CREATE INDEX `substitutions_for_person_idx` ON `substitutions` (`for_person_id`);--> statement-breakpoint
CREATE INDEX `substitutions_substitute_idx` ON `substitutions` (`substitute_person_id`);