-- Issue 10 §1: a typed assignment reference, and every stored score in thousandths of a point.
--
-- cohort_assignments: the polymorphic text column `ref` (a module slug, or an exam id as text) becomes
-- `module_slug` (kind 'module') or `exam_id` (kind 'exam': a key to exams, on delete cascade), with a
-- CHECK that exactly the one matching `kind` is set. Module rows keep their slug. Exam rows keep their
-- exam when it exists; rows whose `ref` names no existing exam are DROPPED (they showed "no longer
-- exists" and no attempt could count for them), as are rows of any other kind.
-- SQLite cannot add a CHECK or a foreign key to a table, so the table is rebuilt. The migrator runs in one
-- transaction, where PRAGMA foreign_keys cannot be switched off; nothing references cohort_assignments,
-- so dropping the old table deletes nothing else.
CREATE TABLE `__new_cohort_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cohort_id` integer NOT NULL,
	`kind` text NOT NULL,
	`module_slug` text,
	`exam_id` integer,
	`due_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`exam_id`) REFERENCES `exams`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "cohort_assignments_ref_check" CHECK((kind = 'module' and module_slug is not null and exam_id is null) or (kind = 'exam' and exam_id is not null and module_slug is null))
);
--> statement-breakpoint
INSERT INTO `__new_cohort_assignments`("id", "cohort_id", "kind", "module_slug", "exam_id", "due_at", "created_at")
SELECT "id", "cohort_id", 'module', "ref", NULL, "due_at", "created_at" FROM `cohort_assignments` WHERE "kind" = 'module';--> statement-breakpoint
INSERT INTO `__new_cohort_assignments`("id", "cohort_id", "kind", "module_slug", "exam_id", "due_at", "created_at")
SELECT ca."id", ca."cohort_id", 'exam', NULL, e."id", ca."due_at", ca."created_at"
  FROM `cohort_assignments` ca JOIN `exams` e ON cast(e."id" as text) = ca."ref"
 WHERE ca."kind" = 'exam';--> statement-breakpoint
DROP TABLE `cohort_assignments`;--> statement-breakpoint
ALTER TABLE `__new_cohort_assignments` RENAME TO `cohort_assignments`;--> statement-breakpoint
CREATE UNIQUE INDEX `cohort_assignments_module_unique` ON `cohort_assignments` (`cohort_id`,`module_slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `cohort_assignments_exam_unique` ON `cohort_assignments` (`cohort_id`,`exam_id`);--> statement-breakpoint
-- attempts: `score` (which held thousandths of a point under a name that did not say so) becomes
-- `score_milli`, set again from the items' score_milli for every graded attempt; `max_score` (whole
-- points) becomes `max_score_milli` (× 1000). Renamed in place, not rebuilt: attempt_items, attempt_events
-- and certificates reference attempts with ON DELETE CASCADE, and dropping the table would delete them.
-- percent_bp and passed are recorded results and stay as they are.
ALTER TABLE `attempts` RENAME COLUMN `score` TO `score_milli`;--> statement-breakpoint
UPDATE `attempts` SET `score_milli` = (SELECT coalesce(sum(i."score_milli"), 0) FROM `attempt_items` i WHERE i."attempt_id" = `attempts`."id") WHERE `score_milli` IS NOT NULL;--> statement-breakpoint
ALTER TABLE `attempts` RENAME COLUMN `max_score` TO `max_score_milli`;--> statement-breakpoint
UPDATE `attempts` SET `max_score_milli` = `max_score_milli` * 1000;
