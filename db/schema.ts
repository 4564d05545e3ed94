/**
 * The tables, for the engine this process runs on (db/engine.ts). The definitions live in
 * db/schema.sqlite.ts and db/schema.pg.ts (drizzle-kit generates each engine's migrations from its own
 * file); test/integration/schema-parity.test.ts proves the two have the same tables, columns, types,
 * constraints and indexes. Code is typed with the SQLite definitions and runs the same builder calls on
 * either engine: await builders, never .all()/.get()/.run()/.values() (those exist on SQLite only).
 */
import { ENGINE } from "./engine";
import * as pg from "./schema.pg";
import * as sqlite from "./schema.sqlite";

// The pg tables have the same names, columns and row types; they are typed as the SQLite ones so that
// one set of query code compiles for both (the builders it calls exist on both dialects).
const chosen: typeof sqlite = ENGINE === "postgres" ? (pg as unknown as typeof sqlite) : sqlite;

export { ROLES } from "./schema.sqlite";
export type { Role, BlueprintRule } from "./schema.sqlite";

export const users = chosen.users;
export const sessions = chosen.sessions;
export const loginFailures = chosen.loginFailures;
export const moduleProgress = chosen.moduleProgress;
export const auditLog = chosen.auditLog;
export const questions = chosen.questions;
export const questionVersions = chosen.questionVersions;
export const practiceAnswers = chosen.practiceAnswers;
export const drillCards = chosen.drillCards;
export const pendingImports = chosen.pendingImports;
export const cohorts = chosen.cohorts;
export const cohortMembers = chosen.cohortMembers;
export const cohortTrainers = chosen.cohortTrainers;
export const cohortAssignments = chosen.cohortAssignments;
export const exams = chosen.exams;
export const examCohorts = chosen.examCohorts;
export const attempts = chosen.attempts;
export const attemptItems = chosen.attemptItems;
export const attemptEvents = chosen.attemptEvents;
export const certificates = chosen.certificates;
export const localPolicyFigures = chosen.localPolicyFigures;
export const wrongAnswers = chosen.wrongAnswers;
