/**
 * The database schema for PostgreSQL: the mirror of db/schema.sqlite.ts (same table, column, key and
 * index names, same row types in TypeScript). drizzle-kit generates db/migrations-pg from this file
 * (`npm run db:generate` generates both engines). test/integration/schema-parity.test.ts proves the two
 * files and the two migrated databases agree; change both files together.
 *
 * Engine-specific column types: millisecond times (and the client's save sequence numbers) are bigint
 * read as JS numbers; booleans are boolean; JSON is jsonb; real is double precision; integer ids are
 * identity columns (by default, so a copied database keeps its ids).
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";

import { ROLES, type BlueprintRule } from "./schema.sqlite";

export const users = pgTable(
  "users",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    /** 工号: the employee number people sign in with. */
    employeeNo: text("employee_no").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    /** 班组: team or class, free text from the staff list. */
    team: text("team"),
    /** scrypt hash; null until a password is set (the account cannot sign in). */
    passwordHash: text("password_hash"),
    /** Set when a trainer or admin (re)sets the password: the user must choose a new one at next sign-in. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    disabledAt: bigint("disabled_at", { mode: "number" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [uniqueIndex("users_employee_no_unique").on(t.employeeNo)],
);

/** Server-side sessions: the signed cookie only carries the id. Deleting a row signs that device out. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Failed sign-in attempts, keyed by account ("acct:<工号>") and by address ("ip:<addr>"). */
export const loginFailures = pgTable(
  "login_failures",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    key: text("key").notNull(),
    at: bigint("at", { mode: "number" }).notNull(),
  },
  (t) => [index("login_failures_key_at_idx").on(t.key, t.at)],
);

/**
 * Facts about the database itself, by key. `content_revision`: the courseware revision (content/REVISION)
 * of the newest server that started on it; an older server refuses to start (app/bootstrap.server.ts).
 */
export const appMeta = pgTable("app_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** Reading progress of one learner in one module. */
export const moduleProgress = pgTable(
  "module_progress",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    moduleSlug: text("module_slug").notNull(),
    /** JSON array of section anchors the learner has scrolled to. */
    sectionsReached: jsonb("sections_reached").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    completedAt: bigint("completed_at", { mode: "number" }),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.moduleSlug] })],
);

/** An audit trail of administrative actions (who did what to whom, and when). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    at: bigint("at", { mode: "number" }).notNull(),
  },
  (t) => [index("audit_log_at_idx").on(t.at)],
);

// ---------------------------------------------------------------------------------------------
// Question bank. A question's content lives in immutable versions; the questions row holds its status,
// current version and a denormalised copy of the filterable fields of that version.

export const questions = pgTable(
  "questions",
  {
    id: text("id").primaryKey(),
    source: text("source", { enum: ["generated", "authored", "imported"] }).notNull(),
    status: text("status", { enum: ["draft", "published", "retired"] }).notNull(),
    currentVersion: integer("current_version").notNull(),
    type: text("type").notNull(),
    module: text("module"),
    tags: jsonb("tags").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** Plain text of the current stem, for search. */
    stemText: text("stem_text").notNull(),
    /** Generated questions: hash of what the generator last produced, to detect a changed figure. */
    generatedHash: text("generated_hash"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [index("questions_status_idx").on(t.status), index("questions_module_idx").on(t.module)],
);

export const questionVersions = pgTable(
  "question_versions",
  {
    questionId: text("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    type: text("type").notNull(),
    stem: text("stem").notNull(),
    options: jsonb("options").$type<{ id: string; text: string }[]>().notNull(),
    answer: jsonb("answer").$type<unknown>().notNull(),
    explanation: text("explanation").notNull(),
    module: text("module"),
    section: text("section"),
    facts: jsonb("facts").$type<string[]>().notNull(),
    tags: jsonb("tags").$type<string[]>().notNull(),
    /** Questions that test the same point share a family; a paper never holds two of one family. "" = the question's own id. */
    family: text("family").notNull().default(""),
    contentHash: text("content_hash").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    /** Why this version exists: "generated", "edit", "import", "regenerated". */
    note: text("note"),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.version] })],
);

/** Answers given in untimed practice (and the numbers drill). */
export const practiceAnswers = pgTable(
  "practice_answers",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    version: integer("version").notNull(),
    response: jsonb("response").$type<unknown>().notNull(),
    correct: boolean("correct").notNull(),
    mode: text("mode", { enum: ["practice", "drill"] }).notNull(),
    at: bigint("at", { mode: "number" }).notNull(),
  },
  (t) => [index("practice_answers_user_idx").on(t.userId, t.at)],
);

/** Spaced-repetition state (ts-fsrs Card) of one learner for one SLA figure. */
export const drillCards = pgTable(
  "drill_cards",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    factId: text("fact_id").notNull(),
    due: bigint("due", { mode: "number" }).notNull(),
    /** The ts-fsrs Card, serialised (dates as epoch ms). */
    card: jsonb("card").$type<Record<string, unknown>>().notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.factId] }), index("drill_cards_due_idx").on(t.userId, t.due)],
);

/** An uploaded question file waiting for the trainer to confirm after the preview. */
export const pendingImports = pgTable("pending_imports", {
  id: text("id").primaryKey(),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  format: text("format", { enum: ["gift", "json", "xlsx", "text", "staff-csv"] }).notNull(),
  fileName: text("file_name").notNull(),
  text: text("text").notNull(),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
});

// ---------------------------------------------------------------------------------------------
// Cohorts (a hiring class, a team). Exams may be restricted to cohorts; trainers see their cohorts.

export const cohorts = pgTable("cohorts", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  name: text("name").notNull(),
  description: text("description"),
  createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
  archivedAt: bigint("archived_at", { mode: "number" }),
});

export const cohortMembers = pgTable(
  "cohort_members",
  {
    cohortId: integer("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    addedAt: bigint("added_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId] }), index("cohort_members_user_idx").on(t.userId)],
);

/** Trainers responsible for a cohort (they see its results). Admins see every cohort. */
export const cohortTrainers = pgTable(
  "cohort_trainers",
  {
    cohortId: integer("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId] })],
);

/** Work assigned to a cohort: a module to read or an exam to pass, with a due date. */
export const cohortAssignments = pgTable(
  "cohort_assignments",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    cohortId: integer("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["module", "exam"] }).notNull(),
    /** kind "module": the module's slug (courseware lives in content/, so there is no key to check it against). */
    moduleSlug: text("module_slug"),
    /** kind "exam": the exam; deleting the exam removes its assignments. */
    examId: integer("exam_id").references(() => exams.id, { onDelete: "cascade" }),
    dueAt: bigint("due_at", { mode: "number" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [
    // NULLs are distinct in a unique index on both engines, so each index holds only its own kind's rows.
    uniqueIndex("cohort_assignments_module_unique").on(t.cohortId, t.moduleSlug),
    uniqueIndex("cohort_assignments_exam_unique").on(t.cohortId, t.examId),
    /** Exactly the reference that matches `kind` is set. */
    check(
      "cohort_assignments_ref_check",
      sql`(kind = 'module' and module_slug is not null and exam_id is null) or (kind = 'exam' and exam_id is not null and module_slug is null)`,
    ),
  ],
);

// ---------------------------------------------------------------------------------------------
// Exams. The paper of an attempt is drawn once, at start, and snapshots question versions; the
// deadline is stored then. Answers are saved one by one (autosave) and graded at finalisation.

export const exams = pgTable("exams", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  title: text("title").notNull(),
  description: text("description"),
  blueprint: jsonb("blueprint").$type<BlueprintRule[]>().notNull(),
  timeLimitMinutes: integer("time_limit_minutes").notNull(),
  passPercent: integer("pass_percent").notNull(),
  attemptsAllowed: integer("attempts_allowed").notNull(),
  opensAt: bigint("opens_at", { mode: "number" }),
  closesAt: bigint("closes_at", { mode: "number" }),
  shuffleQuestions: boolean("shuffle_questions").notNull(),
  shuffleOptions: boolean("shuffle_options").notNull(),
  multipleScoring: text("multiple_scoring", { enum: ["all-or-nothing", "partial"] }).notNull(),
  /** After submitting: "score" only, the right "answers", or answers with "explanations". */
  reviewMode: text("review_mode", { enum: ["score", "answers", "explanations"] }).notNull(),
  /** Review beyond the score is shown from this time (null: at once). */
  reviewFrom: bigint("review_from", { mode: "number" }),
  /**
   * When answers (and explanations) may be reviewed (Moodle's timings). Whatever this says, nothing
   * beyond the score is shown while the learner could still start another attempt (see reviewLevel).
   */
  reviewTiming: text("review_timing", { enum: ["immediately", "after_last_attempt", "after_close", "never"] }).notNull().default("after_last_attempt"),
  /** Questions this exam's blueprint can draw are reserved for certification: never served in practice or the drill. */
  examOnlyPool: boolean("exam_only_pool").notNull().default(true),
  certificateName: text("certificate_name"),
  certificateValidityMonths: integer("certificate_validity_months"),
  audience: text("audience", { enum: ["everyone", "cohorts"] }).notNull(),
  status: text("status", { enum: ["draft", "published", "archived"] }).notNull(),
  createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
  updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
});

export const examCohorts = pgTable(
  "exam_cohorts",
  {
    examId: integer("exam_id")
      .notNull()
      .references(() => exams.id, { onDelete: "cascade" }),
    cohortId: integer("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.examId, t.cohortId] })],
);

export const attempts = pgTable(
  "attempts",
  {
    /** Random and unguessable; also what the exam page URL carries. */
    id: text("id").primaryKey(),
    examId: integer("exam_id")
      .notNull()
      .references(() => exams.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    attemptNo: integer("attempt_no").notNull(),
    seed: text("seed").notNull(),
    status: text("status", { enum: ["in_progress", "submitted"] }).notNull(),
    startedAt: bigint("started_at", { mode: "number" }).notNull(),
    /** Deadline fixed at start (started + time limit, capped by the exam's close); extra time adds to it. */
    deadline: bigint("deadline", { mode: "number" }).notNull(),
    submittedAt: bigint("submitted_at", { mode: "number" }),
    /** Who finalised it: the learner (交卷), the deadline seen by a request, or the server's sweep. */
    finalisedBy: text("finalised_by", { enum: ["learner", "deadline", "sweep"] }),
    /** Scores are stored in thousandths of a point (milli-points), like attempt_items.score_milli; null until graded. */
    scoreMilli: integer("score_milli"),
    /** The paper's total: the sum of its items' points × 1000. */
    maxScoreMilli: integer("max_score_milli").notNull(),
    /** Percentage ×100 (integer basis points), derived from the two above by percentBp() in app/domain/score.ts. */
    percentBp: integer("percent_bp"),
    passed: boolean("passed"),
    multipleScoring: text("multiple_scoring", { enum: ["all-or-nothing", "partial"] }).notNull(),
  },
  (t) => [
    index("attempts_exam_user_idx").on(t.examId, t.userId),
    index("attempts_status_deadline_idx").on(t.status, t.deadline),
    index("attempts_user_status_idx").on(t.userId, t.status),
    uniqueIndex("attempts_one_in_progress").on(t.examId, t.userId).where(sql`status = 'in_progress'`),
  ],
);

/** The paper: which question version sits at which position, and the option order shown. */
export const attemptItems = pgTable(
  "attempt_items",
  {
    attemptId: text("attempt_id")
      .notNull()
      .references(() => attempts.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    questionId: text("question_id").notNull(),
    version: integer("version").notNull(),
    /** What the item is worth in whole points, as the exam's blueprint gives them (the trainer types whole points); converted to thousandths by pointsToMilli() (app/domain/score.ts). */
    points: integer("points").notNull(),
    /** Option ids in the order shown (empty for types without options). */
    optionOrder: jsonb("option_order").$type<string[]>().notNull(),
    /** Saved answer (null until answered). */
    response: jsonb("response").$type<unknown>(),
    /** Client's sequence number of the saved answer: a late, older save never overwrites a newer one. */
    responseSeq: bigint("response_seq", { mode: "number" }).notNull().default(0),
    savedAt: bigint("saved_at", { mode: "number" }),
    flagged: boolean("flagged").notNull().default(false),
    /** Score in thousandths of a point, set at grading. */
    scoreMilli: integer("score_milli"),
  },
  (t) => [
    primaryKey({ columns: [t.attemptId, t.position] }),
    /** The question version the paper shows must exist (versions are immutable; questions are retired, never deleted). */
    foreignKey({
      name: "attempt_items_question_version_fk",
      columns: [t.questionId, t.version],
      foreignColumns: [questionVersions.questionId, questionVersions.version],
    }),
  ],
);

/** What happened during an attempt: leaving the tab, extra time granted, regrading. */
export const attemptEvents = pgTable(
  "attempt_events",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    attemptId: text("attempt_id")
      .notNull()
      .references(() => attempts.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["tab_hidden", "tab_visible", "extra_time", "regrade", "late_save_refused"] }).notNull(),
    at: bigint("at", { mode: "number" }).notNull(),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
  },
  (t) => [index("attempt_events_attempt_idx").on(t.attemptId)],
);

export const certificates = pgTable(
  "certificates",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    /** Public verification code: random, unguessable. */
    code: text("code").notNull(),
    /** Restrict: a certificate outlives its holder's account (users are disabled, never deleted). */
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    examId: integer("exam_id")
      .notNull()
      .references(() => exams.id, { onDelete: "cascade" }),
    attemptId: text("attempt_id")
      .notNull()
      .references(() => attempts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    holderName: text("holder_name").notNull(),
    issuedAt: bigint("issued_at", { mode: "number" }).notNull(),
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
    revokedAt: bigint("revoked_at", { mode: "number" }),
    revokedBy: integer("revoked_by").references(() => users.id, { onDelete: "set null" }),
    revokeReason: text("revoke_reason"),
  },
  (t) => [uniqueIndex("certificates_code_unique").on(t.code), index("certificates_user_idx").on(t.userId), uniqueIndex("certificates_attempt_unique").on(t.attemptId)],
);

/**
 * Local policy figures (本单位规定): the company's value for a courseware figure, entered by an admin.
 * Append-only history; the latest row of a fact is the value in force (app/local-policy.server.ts).
 */
export const localPolicyFigures = pgTable(
  "local_policy_figures",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    /** The §A1 fact id (content/facts). */
    factId: text("fact_id").notNull(),
    value: doublePrecision("value"),
    valueText: text("value_text"),
    unit: text("unit"),
    sourceDoc: text("source_doc").notNull(),
    /** YYYY-MM-DD, Beijing time. */
    effectiveDate: text("effective_date").notNull(),
    enteredBy: integer("entered_by").references(() => users.id, { onDelete: "set null" }),
    enteredAt: bigint("entered_at", { mode: "number" }).notNull(),
  },
  (t) => [index("local_policy_figures_fact_idx").on(t.factId, t.id)],
);


/**
 * The learner's wrong-answer book (错题本): a question answered wrongly in practice, the drill or an exam
 * review, scheduled for revision with FSRS. Cleared (cleared_at set) once answered right often enough;
 * a new wrong answer puts it back.
 */
export const wrongAnswers = pgTable(
  "wrong_answers",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    questionId: text("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    source: text("source", { enum: ["practice", "drill", "exam"] }).notNull(),
    addedAt: bigint("added_at", { mode: "number" }).notNull(),
    lastWrongAt: bigint("last_wrong_at", { mode: "number" }).notNull(),
    due: bigint("due", { mode: "number" }).notNull(),
    /** The ts-fsrs Card, serialised (dates as epoch ms). */
    card: jsonb("card").$type<Record<string, unknown>>().notNull(),
    rightStreak: integer("right_streak").notNull().default(0),
    /** Null while the question is in the book. */
    clearedAt: bigint("cleared_at", { mode: "number" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.questionId] }), index("wrong_answers_due_idx").on(t.userId, t.due)],
);
