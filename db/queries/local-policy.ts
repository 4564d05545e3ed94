/** Local policy figures (本单位规定): append-only history; the latest row per fact is in force. */
import { desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { localPolicyFigures, users } from "../schema";
import type { LocalPolicyFigure } from "../../app/domain/local-policy";

export interface LocalPolicyEntry extends LocalPolicyFigure {
  id: number;
  enteredAt: number;
  enteredById: number | null;
  /** Name and 工号 of whoever entered it (null if that account was deleted). */
  enteredByName: string | null;
  enteredByNo: string | null;
}

const columns = {
  id: localPolicyFigures.id,
  factId: localPolicyFigures.factId,
  value: localPolicyFigures.value,
  valueText: localPolicyFigures.valueText,
  unit: localPolicyFigures.unit,
  sourceDoc: localPolicyFigures.sourceDoc,
  effectiveDate: localPolicyFigures.effectiveDate,
  enteredAt: localPolicyFigures.enteredAt,
  enteredById: localPolicyFigures.enteredBy,
  enteredByName: users.name,
  enteredByNo: users.employeeNo,
};

export async function insertLocalPolicyFigure(db: Executor, f: LocalPolicyFigure, enteredBy: number, at: number): Promise<number> {
  const [row] = await db
    .insert(localPolicyFigures)
    .values({ ...f, enteredBy, enteredAt: at })
    .returning({ id: localPolicyFigures.id });
  return row.id;
}

/** Every entry, newest first (optionally of one fact). */
export async function localPolicyHistory(db: Executor, factId?: string): Promise<LocalPolicyEntry[]> {
  const q = db.select(columns).from(localPolicyFigures).leftJoin(users, eq(users.id, localPolicyFigures.enteredBy));
  return (factId ? q.where(eq(localPolicyFigures.factId, factId)) : q).orderBy(desc(localPolicyFigures.id));
}

/** The entry in force for each fact that has one: the latest. */
export async function currentLocalPolicyEntries(db: Executor): Promise<LocalPolicyEntry[]> {
  return db
    .select(columns)
    .from(localPolicyFigures)
    .leftJoin(users, eq(users.id, localPolicyFigures.enteredBy))
    .where(sql`${localPolicyFigures.id} in (select max(id) from local_policy_figures group by fact_id)`)
    .orderBy(localPolicyFigures.factId);
}
