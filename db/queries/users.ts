/** Users: every function takes the database (or a transaction) first. */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { transaction, type Executor } from "../client";
import { containsTextInAny } from "../contains";
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

export async function findUserByEmployeeNo(db: Executor, employeeNo: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.employeeNo, employeeNo)).limit(1);
  return row;
}

export async function findUserById(db: Executor, id: number): Promise<PublicUser | undefined> {
  const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function listUsers(db: Executor, filter: { q?: string; role?: Role } = {}): Promise<PublicUser[]> {
  const conditions = [];
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.q) {
    // Case-insensitive on both engines ("a0001" finds A0001).
    conditions.push(containsTextInAny([users.employeeNo, users.name, users.team], filter.q));
  }
  return db
    .select(publicColumns)
    .from(users)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(users.employeeNo));
}

export async function listUsersByEmployeeNos(db: Executor, employeeNos: string[]): Promise<User[]> {
  if (employeeNos.length === 0) return [];
  const out: User[] = [];
  for (let i = 0; i < employeeNos.length; i += 500) {
    out.push(...(await db.select().from(users).where(inArray(users.employeeNo, employeeNos.slice(i, i + 500)))));
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

export async function insertUser(db: Executor, u: NewUser, now: number): Promise<PublicUser> {
  const [row] = await db
    .insert(users)
    .values({ ...u, team: u.team ?? null, passwordHash: u.passwordHash ?? null, createdAt: now, updatedAt: now })
    .returning(publicColumns);
  return row;
}

export async function updateUserProfile(db: Executor, id: number, fields: { name: string; role: Role; team: string | null }, now: number): Promise<void> {
  await db.update(users).set({ ...fields, updatedAt: now }).where(eq(users.id, id));
}

export async function setPassword(db: Executor, id: number, passwordHash: string, now: number): Promise<void> {
  await transaction(db, async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, id));
    await tx.delete(sessions).where(eq(sessions.userId, id));
  });
}

export async function setDisabled(db: Executor, id: number, disabled: boolean, now: number): Promise<void> {
  await transaction(db, async (tx) => {
    await tx.update(users).set({ disabledAt: disabled ? now : null, updatedAt: now }).where(eq(users.id, id));
    if (disabled) await tx.delete(sessions).where(eq(sessions.userId, id));
  });
}

export async function countActiveAdmins(db: Executor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt)));
  return row?.n ?? 0;
}

