/**
 * Cohorts: a hiring class or a team. Exams may be restricted to cohorts.
 */
import { asc, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { cohorts } from "../schema";

export type CohortRow = typeof cohorts.$inferSelect;

/** Every cohort, current ones first, then archived ones; by name within each. */
export async function listCohorts(db: Executor): Promise<CohortRow[]> {
  return db
    .select()
    .from(cohorts)
    .orderBy(sql`${cohorts.archivedAt} is not null`, asc(cohorts.name));
}
