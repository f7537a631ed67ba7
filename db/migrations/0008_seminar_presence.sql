CREATE TABLE `seminar_presence` (
	`series_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`sector` text NOT NULL,
	`seminars` integer NOT NULL,
	PRIMARY KEY(`series_id`, `person_id`),
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `seminar_presence_person_idx` ON `seminar_presence` (`person_id`);--> statement-breakpoint
CREATE INDEX `enrolments_series_status_person_idx` ON `enrolments` (`series_id`,`status`,`person_id`);
--> statement-breakpoint
-- seminar_presence is derived from attendance. Each trigger recounts the one
-- (series, person) pair a write touched, from the attendance rows themselves,
-- so it stays right whatever wrote (roster, check-in, import, a cascade from a
-- deleted session) and cannot drift the way a +1/-1 counter could.
CREATE TRIGGER `seminar_presence_after_insert` AFTER INSERT ON `attendance`
WHEN new.`series_session_id` IS NOT NULL AND new.`status` IN ('narvarande', 'sen')
BEGIN
  DELETE FROM `seminar_presence` WHERE `series_id` = new.`series_id` AND `person_id` = new.`person_id`;
  INSERT INTO `seminar_presence` (`series_id`, `person_id`, `sector`, `seminars`)
    SELECT a.`series_id`, a.`person_id`, p.`sector`, count(*)
    FROM `attendance` a
    JOIN `series_sessions` ss ON ss.`id` = a.`series_session_id`
    JOIN `people` p ON p.`id` = a.`person_id`
    WHERE a.`series_id` = new.`series_id` AND a.`person_id` = new.`person_id`
      AND ss.`kind` = 'seminarium' AND a.`status` IN ('narvarande', 'sen')
    GROUP BY a.`series_id`, a.`person_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `seminar_presence_after_delete` AFTER DELETE ON `attendance`
WHEN old.`series_session_id` IS NOT NULL AND old.`status` IN ('narvarande', 'sen')
BEGIN
  DELETE FROM `seminar_presence` WHERE `series_id` = old.`series_id` AND `person_id` = old.`person_id`;
  INSERT INTO `seminar_presence` (`series_id`, `person_id`, `sector`, `seminars`)
    SELECT a.`series_id`, a.`person_id`, p.`sector`, count(*)
    FROM `attendance` a
    JOIN `series_sessions` ss ON ss.`id` = a.`series_session_id`
    JOIN `people` p ON p.`id` = a.`person_id`
    WHERE a.`series_id` = old.`series_id` AND a.`person_id` = old.`person_id`
      AND ss.`kind` = 'seminarium' AND a.`status` IN ('narvarande', 'sen')
    GROUP BY a.`series_id`, a.`person_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `seminar_presence_after_update` AFTER UPDATE OF `status`, `person_id`, `series_id`, `series_session_id` ON `attendance`
WHEN old.`status` IN ('narvarande', 'sen') OR new.`status` IN ('narvarande', 'sen')
BEGIN
  DELETE FROM `seminar_presence` WHERE `series_id` = old.`series_id` AND `person_id` = old.`person_id`;
  INSERT INTO `seminar_presence` (`series_id`, `person_id`, `sector`, `seminars`)
    SELECT a.`series_id`, a.`person_id`, p.`sector`, count(*)
    FROM `attendance` a
    JOIN `series_sessions` ss ON ss.`id` = a.`series_session_id`
    JOIN `people` p ON p.`id` = a.`person_id`
    WHERE a.`series_id` = old.`series_id` AND a.`person_id` = old.`person_id`
      AND ss.`kind` = 'seminarium' AND a.`status` IN ('narvarande', 'sen')
    GROUP BY a.`series_id`, a.`person_id`;
  DELETE FROM `seminar_presence` WHERE `series_id` = new.`series_id` AND `person_id` = new.`person_id`;
  INSERT INTO `seminar_presence` (`series_id`, `person_id`, `sector`, `seminars`)
    SELECT a.`series_id`, a.`person_id`, p.`sector`, count(*)
    FROM `attendance` a
    JOIN `series_sessions` ss ON ss.`id` = a.`series_session_id`
    JOIN `people` p ON p.`id` = a.`person_id`
    WHERE a.`series_id` = new.`series_id` AND a.`person_id` = new.`person_id`
      AND ss.`kind` = 'seminarium' AND a.`status` IN ('narvarande', 'sen')
    GROUP BY a.`series_id`, a.`person_id`;
END;
--> statement-breakpoint
-- A person's sector is read at count time everywhere else; keep the copy here in step.
CREATE TRIGGER `seminar_presence_after_sector_change` AFTER UPDATE OF `sector` ON `people`
BEGIN
  UPDATE `seminar_presence` SET `sector` = new.`sector` WHERE `person_id` = new.`id`;
END;
--> statement-breakpoint
INSERT INTO `seminar_presence` (`series_id`, `person_id`, `sector`, `seminars`)
  SELECT a.`series_id`, a.`person_id`, p.`sector`, count(*)
  FROM `attendance` a
  JOIN `series_sessions` ss ON ss.`id` = a.`series_session_id`
  JOIN `people` p ON p.`id` = a.`person_id`
  WHERE ss.`kind` = 'seminarium' AND a.`status` IN ('narvarande', 'sen')
  GROUP BY a.`series_id`, a.`person_id`;
