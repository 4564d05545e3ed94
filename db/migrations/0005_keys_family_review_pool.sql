ALTER TABLE `exams` ADD `review_timing` text DEFAULT 'after_last_attempt' NOT NULL;--> statement-breakpoint
ALTER TABLE `exams` ADD `exam_only_pool` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `question_versions` ADD `family` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `question_versions` SET `family` = `question_id` WHERE `family` = '';--> statement-breakpoint
UPDATE `exams` SET `review_timing` = 'never' WHERE `review_mode` = 'score';
