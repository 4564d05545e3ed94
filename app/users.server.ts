/**
 * Accounts: the admin's user list (search, paging), creating, editing, disabling and resetting accounts,
 * and everyone's own password change. Every write and its audit row are one transaction; the rules
 * that protect the last active administrator are checked inside it.
 */
import { and, asc, eq, isNotNull, isNull, ne, sql, type SQL } from "drizzle-orm";
import { lock, transaction, type Db } from "@db/client";
import { containsTextInAny } from "@db/contains";
import { audit } from "@db/queries/audit";
import { sessions, users, type Role } from "@db/schema";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { generatePassword, hashPassword } from "~/domain/password";
import { passwordProblems, type PasswordRule } from "~/domain/password-rules";
import type { MessageKey } from "~/i18n";
import { attemptLogin } from "~/login.server";

export const USERS_PAGE_SIZE = 50;

export const USER_STATUSES = ["active", "disabled"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export interface UserListFilter {
  q?: string;
  role?: Role;
  status?: UserStatus;
  page?: number;
}

const listColumns = {
  id: users.id,
  employeeNo: users.employeeNo,
  name: users.name,
  role: users.role,
  team: users.team,
  disabledAt: users.disabledAt,
  mustChangePassword: users.mustChangePassword,
  hasPassword: sql<number>`case when ${users.passwordHash} is null then 0 else 1 end`,
};

export type UserListRow = {
  id: number;
  employeeNo: string;
  name: string;
  role: Role;
  team: string | null;
  disabledAt: number | null;
  mustChangePassword: boolean;
  hasPassword: boolean;
};

/** One page of users (by 工号), searched by 工号, name or team (case-insensitive), with the total. */
export async function listUsersPage(filter: UserListFilter): Promise<{ users: UserListRow[]; total: number; page: number; pages: number }> {
  const db = getDb();
  const conditions: SQL[] = [];
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.status === "active") conditions.push(isNull(users.disabledAt));
  if (filter.status === "disabled") conditions.push(isNotNull(users.disabledAt));
  if (filter.q) {
    conditions.push(containsTextInAny([users.employeeNo, users.name, users.team], filter.q));
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [{ n }] = await db.select({ n: sql<number>`count(*)` }).from(users).where(where);
  const total = Number(n);
  const pages = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(filter.page ?? 1)), pages);
  const rows = await db
    .select(listColumns)
    .from(users)
    .where(where)
    .orderBy(asc(users.employeeNo))
    .limit(USERS_PAGE_SIZE)
    .offset((page - 1) * USERS_PAGE_SIZE);
  return { users: rows.map((r) => ({ ...r, mustChangePassword: Boolean(r.mustChangePassword), hasPassword: Number(r.hasPassword) === 1 })), total, page, pages };
}

/** A refusal the page shows in the user's language. */
export class AccountError extends Error {
  constructor(
    public key: MessageKey,
    public vars: Record<string, string | number> = {},
    public field?: string,
  ) {
    super(key);
    this.name = "AccountError";
  }
}

async function findTarget(db: Db, id: number) {
  const [u] = await db
    .select({ id: users.id, employeeNo: users.employeeNo, name: users.name, role: users.role, team: users.team, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!u) throw new Response("Not found", { status: 404 });
  return u;
}

async function otherActiveAdmins(db: Db, exceptId: number): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt), ne(users.id, exceptId)));
  return Number(n);
}

/** One account for the edit form, or null. */
export async function getAccount(id: number): Promise<{ id: number; employeeNo: string; name: string; role: Role; team: string | null; disabledAt: number | null } | null> {
  const [u] = await getDb()
    .select({ id: users.id, employeeNo: users.employeeNo, name: users.name, role: users.role, team: users.team, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return u ?? null;
}

export async function employeeNoExists(employeeNo: string): Promise<boolean> {
  const [u] = await getDb().select({ id: users.id }).from(users).where(eq(users.employeeNo, employeeNo)).limit(1);
  return Boolean(u);
}

/**
 * Creates an account with the password the admin typed, or a generated one (returned once). Either way
 * the new user must change it at the first sign-in.
 */
export async function createAccount(
  actorId: number | null,
  fields: { employeeNo: string; name: string; role: Role; team: string | null },
  given: string | undefined,
  via?: "cli",
): Promise<{ id: number; employeeNo: string; password: string | undefined }> {
  const db = getDb();
  const password = given ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const t = now();
  return transaction(db, async (tx) => {
    const [exists] = await tx.select({ id: users.id }).from(users).where(eq(users.employeeNo, fields.employeeNo)).limit(1);
    if (exists) throw new AccountError("admin.exists", { employeeNo: fields.employeeNo }, "employeeNo");
    const [u] = await tx
      .insert(users)
      .values({ ...fields, passwordHash, mustChangePassword: true, createdAt: t, updatedAt: t })
      .returning({ id: users.id, employeeNo: users.employeeNo, role: users.role });
    await audit(tx, actorId, "user.create", { userId: u.id, employeeNo: u.employeeNo, role: u.role, ...(via ? { via } : {}) }, t);
    return { id: u.id, employeeNo: u.employeeNo, password: given ? undefined : password };
  });
}

export type ProfileChange = { name?: [string, string]; team?: [string | null, string | null]; role?: [Role, Role] };

/**
 * Changes name, team and role. Refuses to take the admin role from the last active administrator.
 * Returns the fields that changed (empty: nothing written, nothing audited).
 */
export async function updateAccount(actorId: number, userId: number, next: { name: string; team: string | null; role: Role }): Promise<ProfileChange> {
  const db = getDb();
  const t = now();
  return transaction(db, async (tx) => {
    await lock(tx, "admins");
    const u = await findTarget(tx, userId);
    const changes: ProfileChange = {};
    if (u.name !== next.name) changes.name = [u.name, next.name];
    if ((u.team ?? null) !== next.team) changes.team = [u.team ?? null, next.team];
    if (u.role !== next.role) changes.role = [u.role, next.role];
    if (!Object.keys(changes).length) return changes;
    if (changes.role && u.role === "admin" && !u.disabledAt && (await otherActiveAdmins(tx, u.id)) === 0)
      throw new AccountError("accounts.lastAdminRole", { employeeNo: u.employeeNo }, "role");
    await tx.update(users).set({ name: next.name, team: next.team, role: next.role, updatedAt: t }).where(eq(users.id, u.id));
    await audit(tx, actorId, "user.update", { userId: u.id, employeeNo: u.employeeNo, changes }, t);
    return changes;
  });
}

/** Disables (signing out every device) or enables an account. Never the actor's own, never the last active admin. */
export async function setAccountDisabled(actorId: number, userId: number, disabled: boolean): Promise<{ employeeNo: string }> {
  const db = getDb();
  const t = now();
  return transaction(db, async (tx) => {
    await lock(tx, "admins");
    const u = await findTarget(tx, userId);
    if (disabled) {
      if (u.id === actorId) throw new AccountError("admin.cannotDisableSelf");
      if (u.role === "admin" && !u.disabledAt && (await otherActiveAdmins(tx, u.id)) === 0) throw new AccountError("admin.lastAdmin");
    }
    if (Boolean(u.disabledAt) === disabled) return { employeeNo: u.employeeNo };
    await tx.update(users).set({ disabledAt: disabled ? t : null, updatedAt: t }).where(eq(users.id, u.id));
    if (disabled) await tx.delete(sessions).where(eq(sessions.userId, u.id));
    await audit(tx, actorId, disabled ? "user.disable" : "user.enable", { userId: u.id, employeeNo: u.employeeNo }, t);
    return { employeeNo: u.employeeNo };
  });
}

/** A new generated password (shown once), to be changed at the next sign-in; every device is signed out. */
export async function resetAccountPassword(actorId: number, userId: number): Promise<{ employeeNo: string; password: string }> {
  const db = getDb();
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const t = now();
  return transaction(db, async (tx) => {
    const u = await findTarget(tx, userId);
    await tx.update(users).set({ passwordHash, mustChangePassword: true, updatedAt: t }).where(eq(users.id, u.id));
    await tx.delete(sessions).where(eq(sessions.userId, u.id));
    await audit(tx, actorId, "user.resetPassword", { userId: u.id, employeeNo: u.employeeNo }, t);
    return { employeeNo: u.employeeNo, password };
  });
}

export type ChangePasswordErrors = { current?: MessageKey; next?: PasswordRule[] | "same"; confirm?: MessageKey };
export type ChangePasswordResult =
  | { ok: true }
  | { ok: false; errors: ChangePasswordErrors }
  | { ok: false; rateLimited: true; retryAfterMs: number };

/**
 * Changes the signed-in user's own password: the new one twice, meeting the rules, and the current one
 * (checked under the sign-in rate limits, so a stolen session cannot guess it). Clears the must-change
 * flag and signs out every other session of the user; the current one stays.
 */
export async function changeOwnPassword(
  me: { id: number; employeeNo: string; sessionId: string },
  input: { current: string; next: string; confirm: string },
  clientIp: string,
): Promise<ChangePasswordResult> {
  const errors: ChangePasswordErrors = {};
  const problems = passwordProblems(input.next, me.employeeNo);
  if (problems.length) errors.next = problems;
  if (input.confirm !== input.next) errors.confirm = "account.confirmMismatch";
  if (!input.current) errors.current = "account.currentRequired";
  if (Object.keys(errors).length) return { ok: false, errors };

  const check = await attemptLogin(me.employeeNo, input.current, clientIp);
  if (!check.ok && check.reason === "rateLimited") return { ok: false, rateLimited: true, retryAfterMs: check.retryAfterMs };
  if (!check.ok || check.userId !== me.id) return { ok: false, errors: { current: "account.currentWrong" } };
  if (input.next === input.current) return { ok: false, errors: { next: "same" } };

  const db = getDb();
  const passwordHash = await hashPassword(input.next);
  const t = now();
  await transaction(db, async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: t }).where(eq(users.id, me.id));
    await tx.delete(sessions).where(and(eq(sessions.userId, me.id), ne(sessions.id, me.sessionId)));
    await audit(tx, me.id, "user.changePassword", { userId: me.id }, t);
  });
  return { ok: true };
}
