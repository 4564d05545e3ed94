/**
 * Who may see a learner's attempt (and what came of it: answers, scores, certificates). One rule, used
 * by every trainer page and export:
 *
 *   An admin sees every attempt. A trainer sees an attempt only through a cohort the trainer is
 *   responsible for, which the learner belongs to and to which the attempt's exam is assigned — and
 *   only if the attempt started after the learner joined that cohort and after the exam was assigned
 *   to it. So adding someone to your cohort, or assigning an exam to it, never shows you anything
 *   that happened before.
 *
 * The cohort reports use the same condition for "this cohort's attempts" (for admins too, so the
 * figures of a cohort mean the same for everybody). Plain SQL that reads the same on both engines.
 */
import { sql, type SQL } from "drizzle-orm";
import { row, type Executor } from "../client";

/** SQL: the attempt aliased `a` counts for the cohort `cohortId`. */
export function attemptInCohort(cohortId: number): SQL {
  return sql`exists (
  select 1 from cohort_members vm
    join cohort_assignments va on va.cohort_id = vm.cohort_id and va.exam_id = a.exam_id
   where vm.cohort_id = ${cohortId} and vm.user_id = a.user_id and a.started_at >= vm.added_at and a.started_at >= va.created_at)`;
}


export interface Viewer {
  id: number;
  role: string;
}

/** May this user see this attempt (its answers, score, events, certificate)? */
export async function canSeeAttempt(db: Executor, viewer: Viewer, attemptId: string): Promise<boolean> {
  if (viewer.role === "admin") return Boolean(await row(db, sql`select 1 as "one" from attempts where id = ${attemptId}`));
  if (viewer.role !== "trainer") return false;
  return Boolean(
    await row(
      db,
      sql`select 1 as "one" from attempts a
           join cohort_trainers vt on vt.user_id = ${viewer.id}
           join cohort_members vm on vm.cohort_id = vt.cohort_id and vm.user_id = a.user_id
           join cohort_assignments va on va.cohort_id = vt.cohort_id and va.exam_id = a.exam_id
          where a.id = ${attemptId} and a.started_at >= vm.added_at and a.started_at >= va.created_at
          limit 1`,
    ),
  );
}

// --- The same rule as drizzle SQL fragments (both engines), for statements built with sql`` ------------
// Written as `c.id in (uncorrelated subquery)`: the database builds the set of certificate ids once,
// starting from the trainer's (or the cohort's) members, instead of probing the cohorts per certificate.

/** SQL: ids of the certificates whose attempt counts for one of the cohorts `cohortIds` (an SQL list or subquery). */
function certificatesOfCohorts(cohortIds: SQL): SQL {
  return sql`c.id in (
    select vc.id from cohort_members vm
      join cohort_assignments va on va.cohort_id = vm.cohort_id and va.exam_id is not null
      join attempts a on a.user_id = vm.user_id and a.exam_id = va.exam_id
      join certificates vc on vc.attempt_id = a.id
     where vm.cohort_id in (${cohortIds}) and a.started_at >= vm.added_at and a.started_at >= va.created_at)`;
}

/**
 * SQL: the certificate aliased `c` may be seen by trainer `trainerId` — its attempt counts for a cohort
 * the trainer is responsible for (the rule above; admins need no condition).
 */
export function certificateVisibleToTrainer(trainerId: number): SQL {
  return certificatesOfCohorts(sql`select vt.cohort_id from cohort_trainers vt where vt.user_id = ${trainerId}`);
}

/** SQL: the certificate aliased `c` counts for cohort `cohortId` (its attempt does). */
export function certificateInCohort(cohortId: number): SQL {
  return certificatesOfCohorts(sql`${cohortId}`);
}
