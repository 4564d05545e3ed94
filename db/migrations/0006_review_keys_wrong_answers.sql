CREATE TABLE `wrong_answers` (
	`user_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`source` text NOT NULL,
	`added_at` integer NOT NULL,
	`last_wrong_at` integer NOT NULL,
	`due` integer NOT NULL,
	`card` text NOT NULL,
	`right_streak` integer DEFAULT 0 NOT NULL,
	`cleared_at` integer,
	PRIMARY KEY(`user_id`, `question_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `wrong_answers_due_idx` ON `wrong_answers` (`user_id`,`due`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`user_id` integer NOT NULL,
	`exam_id` integer NOT NULL,
	`attempt_id` text NOT NULL,
	`name` text NOT NULL,
	`holder_name` text NOT NULL,
	`issued_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_by` integer,
	`revoke_reason` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`exam_id`) REFERENCES `exams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_certificates`("id", "code", "user_id", "exam_id", "attempt_id", "name", "holder_name", "issued_at", "expires_at", "revoked_at", "revoked_by", "revoke_reason") SELECT "id", "code", "user_id", "exam_id", "attempt_id", "name", "holder_name", "issued_at", "expires_at", "revoked_at", "revoked_by", "revoke_reason" FROM `certificates`;--> statement-breakpoint
DROP TABLE `certificates`;--> statement-breakpoint
ALTER TABLE `__new_certificates` RENAME TO `certificates`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_code_unique` ON `certificates` (`code`);--> statement-breakpoint
CREATE INDEX `certificates_user_idx` ON `certificates` (`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_attempt_unique` ON `certificates` (`attempt_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `must_change_password` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `attempts_user_status_idx` ON `attempts` (`user_id`,`status`);--> statement-breakpoint
CREATE TABLE `__new_attempt_items` (
	`attempt_id` text NOT NULL,
	`position` integer NOT NULL,
	`question_id` text NOT NULL,
	`version` integer NOT NULL,
	`points` integer NOT NULL,
	`option_order` text NOT NULL,
	`response` text,
	`response_seq` integer DEFAULT 0 NOT NULL,
	`saved_at` integer,
	`flagged` integer DEFAULT false NOT NULL,
	`score_milli` integer,
	PRIMARY KEY(`attempt_id`, `position`),
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`,`version`) REFERENCES `question_versions`(`question_id`,`version`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_attempt_items`("attempt_id", "position", "question_id", "version", "points", "option_order", "response", "response_seq", "saved_at", "flagged", "score_milli") SELECT "attempt_id", "position", "question_id", "version", "points", "option_order", "response", "response_seq", "saved_at", "flagged", "score_milli" FROM `attempt_items`;--> statement-breakpoint
DROP TABLE `attempt_items`;--> statement-breakpoint
ALTER TABLE `__new_attempt_items` RENAME TO `attempt_items`;