/**
 * The database schema. drizzle-kit generates the migrations in db/migrations from this file
 * (`npm run db:generate`); never edit a generated migration by hand once it is committed.
 * Times are stored as integer milliseconds since the epoch (UTC).
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const ROLES = ["learner", "trainer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** 工号: the employee number people sign in with. */
    employeeNo: text("employee_no").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    /** 班组: team or class, free text from the staff list. */
    team: text("team"),
    /** scrypt hash; null until a password is set (the account cannot sign in). */
    passwordHash: text("password_hash"),
    disabledAt: integer("disabled_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("users_employee_no_unique").on(t.employeeNo)],
);

/** Server-side sessions: the signed cookie only carries the id. Deleting a row signs that device out. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Failed sign-in attempts, keyed by account ("acct:<工号>") and by address ("ip:<addr>"). */
export const loginFailures = sqliteTable(
  "login_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("login_failures_key_at_idx").on(t.key, t.at)],
);

/** Reading progress of one learner in one module. */
export const moduleProgress = sqliteTable(
  "module_progress",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    moduleSlug: text("module_slug").notNull(),
    /** JSON array of section anchors the learner has scrolled to. */
    sectionsReached: text("sections_reached", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    completedAt: integer("completed_at"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.moduleSlug] })],
);

/** An audit trail of administrative actions (who did what to whom, and when). */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
    at: integer("at").notNull(),
  },
  (t) => [index("audit_log_at_idx").on(t.at)],
);

// ---------------------------------------------------------------------------------------------
// Question bank. A question's content lives in immutable versions; the questions row holds its status,
// current version and a denormalised copy of the filterable fields of that version.

export const questions = sqliteTable(
  "questions",
  {
    id: text("id").primaryKey(),
    source: text("source", { enum: ["generated", "authored", "imported"] }).notNull(),
    status: text("status", { enum: ["draft", "published", "retired"] }).notNull(),
    currentVersion: integer("current_version").notNull(),
    type: text("type").notNull(),
    module: text("module"),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Plain text of the current stem, for search. */
    stemText: text("stem_text").notNull(),
    /** Generated questions: hash of what the generator last produced, to detect a changed figure. */
    generatedHash: text("generated_hash"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("questions_status_idx").on(t.status), index("questions_module_idx").on(t.module)],
);

export const questionVersions = sqliteTable(
  "question_versions",
  {
    questionId: text("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    type: text("type").notNull(),
    stem: text("stem").notNull(),
    options: text("options", { mode: "json" }).$type<{ id: string; text: string }[]>().notNull(),
    answer: text("answer", { mode: "json" }).$type<unknown>().notNull(),
    explanation: text("explanation").notNull(),
    module: text("module"),
    section: text("section"),
    facts: text("facts", { mode: "json" }).$type<string[]>().notNull(),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull(),
    contentHash: text("content_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    /** Why this version exists: "generated", "edit", "import", "regenerated". */
    note: text("note"),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.version] })],
);

/** Answers given in untimed practice (and the numbers drill). */
export const practiceAnswers = sqliteTable(
  "practice_answers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    version: integer("version").notNull(),
    response: text("response", { mode: "json" }).$type<unknown>().notNull(),
    correct: integer("correct", { mode: "boolean" }).notNull(),
    mode: text("mode", { enum: ["practice", "drill"] }).notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("practice_answers_user_idx").on(t.userId, t.at)],
);

/** Spaced-repetition state (ts-fsrs Card) of one learner for one SLA figure. */
export const drillCards = sqliteTable(
  "drill_cards",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    factId: text("fact_id").notNull(),
    due: integer("due").notNull(),
    /** The ts-fsrs Card, serialised (dates as epoch ms). */
    card: text("card", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.factId] }), index("drill_cards_due_idx").on(t.userId, t.due)],
);

/** An uploaded question file waiting for the trainer to confirm after the preview. */
export const pendingImports = sqliteTable("pending_imports", {
  id: text("id").primaryKey(),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  format: text("format", { enum: ["gift", "json"] }).notNull(),
  fileName: text("file_name").notNull(),
  text: text("text").notNull(),
  createdAt: integer("created_at").notNull(),
});
