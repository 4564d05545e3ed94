CREATE TABLE `drill_cards` (
	`user_id` integer NOT NULL,
	`fact_id` text NOT NULL,
	`due` integer NOT NULL,
	`card` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `fact_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `drill_cards_due_idx` ON `drill_cards` (`user_id`,`due`);--> statement-breakpoint
CREATE TABLE `pending_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`format` text NOT NULL,
	`file_name` text NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `practice_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`version` integer NOT NULL,
	`response` text NOT NULL,
	`correct` integer NOT NULL,
	`mode` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `practice_answers_user_idx` ON `practice_answers` (`user_id`,`at`);--> statement-breakpoint
CREATE TABLE `question_versions` (
	`question_id` text NOT NULL,
	`version` integer NOT NULL,
	`type` text NOT NULL,
	`stem` text NOT NULL,
	`options` text NOT NULL,
	`answer` text NOT NULL,
	`explanation` text NOT NULL,
	`module` text,
	`section` text,
	`facts` text NOT NULL,
	`tags` text NOT NULL,
	`content_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer,
	`note` text,
	PRIMARY KEY(`question_id`, `version`),
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `questions` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`status` text NOT NULL,
	`current_version` integer NOT NULL,
	`type` text NOT NULL,
	`module` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`stem_text` text NOT NULL,
	`generated_hash` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `questions_status_idx` ON `questions` (`status`);--> statement-breakpoint
CREATE INDEX `questions_module_idx` ON `questions` (`module`);