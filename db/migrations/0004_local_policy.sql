CREATE TABLE `local_policy_figures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fact_id` text NOT NULL,
	`value` real,
	`value_text` text,
	`unit` text,
	`source_doc` text NOT NULL,
	`effective_date` text NOT NULL,
	`entered_by` integer,
	`entered_at` integer NOT NULL,
	FOREIGN KEY (`entered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `local_policy_figures_fact_idx` ON `local_policy_figures` (`fact_id`,`id`);