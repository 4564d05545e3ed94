/** Reading progress. Every query is scoped to one user. */
import { and, eq } from "drizzle-orm";
import { lock, transaction, type Executor } from "../client";
import { moduleProgress, users } from "../schema";

export type ProgressRow = typeof moduleProgress.$inferSelect;

export async function progressForUser(db: Executor, userId: number): Promise<ProgressRow[]> {
  return db.select().from(moduleProgress).where(eq(moduleProgress.userId, userId));
}

export async function progressForModule(db: Executor, userId: number, moduleSlug: string): Promise<ProgressRow | undefined> {
  const [row] = await db
    .select()
    .from(moduleProgress)
    .where(and(eq(moduleProgress.userId, userId), eq(moduleProgress.moduleSlug, moduleSlug)))
    .limit(1);
  return row;
}

/** Add reached sections (a set union, so order and repeats of requests do not matter). */
export async function markSectionsReached(db: Executor, userId: number, moduleSlug: string, sectionIds: string[], now: number): Promise<void> {
  await transaction(db, async (tx) => {
    // Two servers may record the same learner's module at once: the advisory lock (PostgreSQL) or the
    // write lock (SQLite) makes the union see the other's sections.
    await lock(tx, `progress:${userId}:${moduleSlug}`);
    const [row] = await tx
      .select()
      .from(moduleProgress)
      .where(and(eq(moduleProgress.userId, userId), eq(moduleProgress.moduleSlug, moduleSlug)))
      .limit(1);
    const merged = [...new Set([...(row?.sectionsReached ?? []), ...sectionIds])];
    if (row) {
      if (merged.length !== row.sectionsReached.length)
        await tx
          .update(moduleProgress)
          .set({ sectionsReached: merged, updatedAt: now })
          .where(and(eq(moduleProgress.userId, userId), eq(moduleProgress.moduleSlug, moduleSlug)));
    } else {
      await tx
        .insert(moduleProgress)
        .values({ userId, moduleSlug, sectionsReached: merged, updatedAt: now })
        .onConflictDoUpdate({ target: [moduleProgress.userId, moduleProgress.moduleSlug], set: { sectionsReached: merged, updatedAt: now } });
    }
  });
}

export async function setModuleCompleted(db: Executor, userId: number, moduleSlug: string, completed: boolean, now: number): Promise<void> {
  await db
    .insert(moduleProgress)
    .values({ userId, moduleSlug, sectionsReached: [], completedAt: completed ? now : null, updatedAt: now })
    .onConflictDoUpdate({
      target: [moduleProgress.userId, moduleProgress.moduleSlug],
      set: { completedAt: completed ? now : null, updatedAt: now },
    });
}

/** Progress of all learners, for trainers. */
export async function progressOfLearners(db: Executor) {
  return db
    .select({
      userId: users.id,
      employeeNo: users.employeeNo,
      name: users.name,
      team: users.team,
      moduleSlug: moduleProgress.moduleSlug,
      sectionsReached: moduleProgress.sectionsReached,
      completedAt: moduleProgress.completedAt,
    })
    .from(users)
    .leftJoin(moduleProgress, eq(moduleProgress.userId, users.id))
    .where(eq(users.role, "learner"));
}
