CREATE TABLE `survey_answers` (
	`response_id` text NOT NULL,
	`item_id` integer NOT NULL,
	`value` integer,
	`dont_know` integer DEFAULT false NOT NULL,
	`value_then` integer,
	`dont_know_then` integer DEFAULT false NOT NULL,
	`choice` text,
	`choices` text,
	`text` text,
	PRIMARY KEY(`response_id`, `item_id`),
	FOREIGN KEY (`response_id`) REFERENCES `survey_responses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `survey_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `survey_answers_item_idx` ON `survey_answers` (`item_id`,`value`);--> statement-breakpoint
CREATE TABLE `survey_index_items` (
	`index_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	PRIMARY KEY(`index_id`, `item_id`),
	FOREIGN KEY (`index_id`) REFERENCES `survey_indices`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `survey_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `survey_indices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `survey_templates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_indices_position_uq` ON `survey_indices` (`template_id`,`position`);--> statement-breakpoint
CREATE TABLE `survey_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_id` integer NOT NULL,
	`position` integer NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`lead_in` text,
	`prompt` text NOT NULL,
	`options` text,
	`low_label` text,
	`high_label` text,
	`respondent_field` text,
	`required` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `survey_templates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_items_position_uq` ON `survey_items` (`template_id`,`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `survey_items_code_uq` ON `survey_items` (`template_id`,`code`);--> statement-breakpoint
CREATE TABLE `survey_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_links_token_hash_unique` ON `survey_links` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `survey_links_survey_person_uq` ON `survey_links` (`survey_id`,`person_id`);--> statement-breakpoint
CREATE TABLE `survey_receipts` (
	`survey_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	PRIMARY KEY(`survey_id`, `person_id`),
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `survey_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`survey_id` integer NOT NULL,
	`series_id` integer NOT NULL,
	`series_session_id` integer,
	`sector` text,
	`role_category` text,
	`pair_code` text,
	`channel` text NOT NULL,
	`submission_key` text NOT NULL,
	`submitted_on` text NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`series_session_id`) REFERENCES `series_sessions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_responses_submission_key_unique` ON `survey_responses` (`submission_key`);--> statement-breakpoint
CREATE INDEX `survey_responses_survey_idx` ON `survey_responses` (`survey_id`,`sector`);--> statement-breakpoint
CREATE INDEX `survey_responses_series_idx` ON `survey_responses` (`series_id`);--> statement-breakpoint
CREATE INDEX `survey_responses_pair_idx` ON `survey_responses` (`series_id`,`pair_code`);--> statement-breakpoint
CREATE TABLE `survey_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text,
	`name` text NOT NULL,
	`phase` text NOT NULL,
	`intro` text,
	`built_in` integer DEFAULT false NOT NULL,
	`created_by_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_templates_key_unique` ON `survey_templates` (`key`);--> statement-breakpoint
CREATE TABLE `survey_text_tags` (
	`response_id` text NOT NULL,
	`item_id` integer NOT NULL,
	`theme` text NOT NULL,
	PRIMARY KEY(`response_id`, `item_id`, `theme`),
	FOREIGN KEY (`response_id`) REFERENCES `survey_responses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `survey_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`template_id` integer NOT NULL,
	`series_session_id` integer,
	`opens_at` integer,
	`closes_at` integer,
	`public_code` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`template_id`) REFERENCES `survey_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`series_session_id`) REFERENCES `series_sessions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `surveys_public_code_unique` ON `surveys` (`public_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `surveys_series_template_uq` ON `surveys` (`series_id`,`template_id`);