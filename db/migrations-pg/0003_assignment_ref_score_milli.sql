-- Issue 10 §1: a typed assignment reference, and every stored score in thousandths of a point.
--
-- cohort_assignments: the polymorphic text column "ref" (a module slug, or an exam id as text) becomes
-- "module_slug" (kind 'module') or "exam_id" (kind 'exam': a key to exams, on delete cascade), with a
-- CHECK that exactly the one matching "kind" is set. Module rows keep their slug. Exam rows keep their
-- exam when it exists; rows whose "ref" names no existing exam are DELETED (they showed "no longer
-- exists" and no attempt could count for them), as are rows of any other kind.
ALTER TABLE "cohort_assignments" ADD COLUMN "module_slug" text;--> statement-breakpoint
ALTER TABLE "cohort_assignments" ADD COLUMN "exam_id" integer;--> statement-breakpoint
UPDATE "cohort_assignments" SET "module_slug" = "ref" WHERE "kind" = 'module';--> statement-breakpoint
UPDATE "cohort_assignments" ca SET "exam_id" = e."id" FROM "exams" e WHERE ca."kind" = 'exam' AND cast(e."id" as text) = ca."ref";--> statement-breakpoint
DELETE FROM "cohort_assignments" WHERE NOT (("kind" = 'module' AND "module_slug" IS NOT NULL) OR ("kind" = 'exam' AND "exam_id" IS NOT NULL));--> statement-breakpoint
DROP INDEX "cohort_assignments_unique";--> statement-breakpoint
ALTER TABLE "cohort_assignments" DROP COLUMN "ref";--> statement-breakpoint
ALTER TABLE "cohort_assignments" ADD CONSTRAINT "cohort_assignments_exam_id_exams_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."exams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cohort_assignments_module_unique" ON "cohort_assignments" USING btree ("cohort_id","module_slug");--> statement-breakpoint
CREATE UNIQUE INDEX "cohort_assignments_exam_unique" ON "cohort_assignments" USING btree ("cohort_id","exam_id");--> statement-breakpoint
ALTER TABLE "cohort_assignments" ADD CONSTRAINT "cohort_assignments_ref_check" CHECK ((kind = 'module' and module_slug is not null and exam_id is null) or (kind = 'exam' and exam_id is not null and module_slug is null));--> statement-breakpoint
-- attempts: "score" (which held thousandths of a point under a name that did not say so) becomes
-- "score_milli", set again from the items' score_milli for every graded attempt; "max_score" (whole
-- points) becomes "max_score_milli" (× 1000). percent_bp and passed are recorded results and stay.
ALTER TABLE "attempts" RENAME COLUMN "score" TO "score_milli";--> statement-breakpoint
UPDATE "attempts" a SET "score_milli" = (SELECT coalesce(sum(i."score_milli"), 0) FROM "attempt_items" i WHERE i."attempt_id" = a."id") WHERE a."score_milli" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "attempts" RENAME COLUMN "max_score" TO "max_score_milli";--> statement-breakpoint
UPDATE "attempts" SET "max_score_milli" = "max_score_milli" * 1000;
