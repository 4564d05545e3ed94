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
