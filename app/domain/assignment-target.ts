/**
 * What a cohort assignment points at: a courseware module (by slug) or an exam (by id). Stored typed
 * (cohort_assignments.module_slug / exam_id, exactly the one matching `kind`); written as one string
 * only where a page needs one value: the assignment picker's `<option value>` and data attributes
 * ("module:<slug>", "exam:<id>", see assignmentSchema in ./cohort-members).
 */
export type AssignmentTarget = { kind: "module"; moduleSlug: string } | { kind: "exam"; examId: number };

/** The stored columns of an assignment row → its target. */
export function targetOf(row: { kind: "module" | "exam"; moduleSlug: string | null; examId: number | null }): AssignmentTarget {
  if (row.kind === "module" && row.moduleSlug !== null) return { kind: "module", moduleSlug: row.moduleSlug };
  if (row.kind === "exam" && row.examId !== null) return { kind: "exam", examId: row.examId };
  // The table's CHECK constraint makes this unreachable.
  throw new Error(`cohort assignment of kind ${row.kind} without its reference`);
}

/** The reference alone, as text (the slug, or the exam id): shown where the target no longer exists. */
export function targetRef(t: AssignmentTarget): string {
  return t.kind === "module" ? t.moduleSlug : String(t.examId);
}

/** "module:<slug>" / "exam:<id>": the picker's value and the pages' data-assignment attribute. */
export function targetKey(t: AssignmentTarget): string {
  return `${t.kind}:${targetRef(t)}`;
}
