/** Reading progress. Every query is scoped to one user. */
import { and, eq } from "drizzle-orm";
import type { Executor } from "../client";
import { moduleProgress, users } from "../schema";

export type ProgressRow = typeof moduleProgress.$inferSelect;

export function progressForUser(db: Executor, userId: number): ProgressRow[] {
  return db.select().from(moduleProgress).where(eq(moduleProgress.userId, userId)).all();
}

export function progressForModule(db: Executor, userId: number, moduleSlug: string): ProgressRow | undefined {
  return db
    .select()
    .from(moduleProgress)
    .where(and(eq(moduleProgress.userId, userId), eq(moduleProgress.moduleSlug, moduleSlug)))
    .get();
}

/** Add reached sections (a set union, so order and repeats of requests do not matter). */
export function markSectionsReached(db: Executor, userId: number, moduleSlug: string, sectionIds: string[], now: number) {
  db.transaction((tx) => {
    const row = tx
      .select()
      .from(moduleProgress)
      .where(and(eq(moduleProgress.userId, userId), eq(moduleProgress.moduleSlug, moduleSlug)))
      .get();
    const merged = [...new Set([...(row?.sectionsReached ?? []), ...sectionIds])];
    if (row) {
      if (merged.length !== row.sectionsReached.length)
        tx.update(moduleProgress)
          .set({ sectionsReached: merged, updatedAt: now })
          .where(and(eq(moduleProgress.userId, userId), eq(moduleProgress.moduleSlug, moduleSlug)))
          .run();
    } else {
      tx.insert(moduleProgress).values({ userId, moduleSlug, sectionsReached: merged, updatedAt: now }).run();
    }
  });
}

export function setModuleCompleted(db: Executor, userId: number, moduleSlug: string, completed: boolean, now: number) {
  db.insert(moduleProgress)
    .values({ userId, moduleSlug, sectionsReached: [], completedAt: completed ? now : null, updatedAt: now })
    .onConflictDoUpdate({
      target: [moduleProgress.userId, moduleProgress.moduleSlug],
      set: { completedAt: completed ? now : null, updatedAt: now },
    })
    .run();
}

/** Progress of all learners, for trainers. */
export function progressOfLearners(db: Executor) {
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
    .where(eq(users.role, "learner"))
    .all();
}
