/** Users: every function takes the database (or a transaction) first. */
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { users, sessions, type Role } from "../schema";

export type User = typeof users.$inferSelect;
export type PublicUser = Omit<User, "passwordHash">;

const publicColumns = {
  id: users.id,
  employeeNo: users.employeeNo,
  name: users.name,
  role: users.role,
  team: users.team,
  mustChangePassword: users.mustChangePassword,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

export function findUserByEmployeeNo(db: Executor, employeeNo: string): User | undefined {
  return db.select().from(users).where(eq(users.employeeNo, employeeNo)).get();
}

export function findUserById(db: Executor, id: number): PublicUser | undefined {
  return db.select(publicColumns).from(users).where(eq(users.id, id)).get();
}

export function listUsers(db: Executor, filter: { q?: string; role?: Role } = {}): PublicUser[] {
  const conditions = [];
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(sql`${users.employeeNo} like ${pattern} escape '\\'`, sql`${users.name} like ${pattern} escape '\\'`, sql`${users.team} like ${pattern} escape '\\'`));
  }
  return db
    .select(publicColumns)
    .from(users)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(users.employeeNo))
    .all();
}

export function listUsersByEmployeeNos(db: Executor, employeeNos: string[]): User[] {
  if (employeeNos.length === 0) return [];
  const out: User[] = [];
  for (let i = 0; i < employeeNos.length; i += 500) {
    out.push(...db.select().from(users).where(inArray(users.employeeNo, employeeNos.slice(i, i + 500))).all());
  }
  return out;
}

export interface NewUser {
  employeeNo: string;
  name: string;
  role: Role;
  team?: string | null;
  passwordHash?: string | null;
}

export function insertUser(db: Executor, u: NewUser, now: number): PublicUser {
  return db
    .insert(users)
    .values({ ...u, team: u.team ?? null, passwordHash: u.passwordHash ?? null, createdAt: now, updatedAt: now })
    .returning(publicColumns)
    .get();
}

export function updateUserProfile(db: Executor, id: number, fields: { name: string; role: Role; team: string | null }, now: number) {
  db.update(users).set({ ...fields, updatedAt: now }).where(eq(users.id, id)).run();
}

export function setPassword(db: Executor, id: number, passwordHash: string, now: number) {
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, id)).run();
    tx.delete(sessions).where(eq(sessions.userId, id)).run();
  });
}

export function setDisabled(db: Executor, id: number, disabled: boolean, now: number) {
  db.transaction((tx) => {
    tx.update(users).set({ disabledAt: disabled ? now : null, updatedAt: now }).where(eq(users.id, id)).run();
    if (disabled) tx.delete(sessions).where(eq(sessions.userId, id)).run();
  });
}

export function countActiveAdmins(db: Executor): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt)))
    .get()!.n;
}

