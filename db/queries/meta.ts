/** Key-value facts about the database itself (table app_meta). */
import { eq } from "drizzle-orm";
import type { Executor } from "../client";
import { appMeta } from "../schema";

export async function getMeta(db: Executor, key: string): Promise<string | undefined> {
  const [row] = await db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, key)).limit(1);
  return row?.value;
}

export async function setMeta(db: Executor, key: string, value: string): Promise<void> {
  await db.insert(appMeta).values({ key, value }).onConflictDoUpdate({ target: appMeta.key, set: { value } });
}
