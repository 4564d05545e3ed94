/**
 * Start-up: open and migrate the database (initDb: PostgreSQL when DATABASE_URL is set), load and index
 * the courseware, and in demo mode create the demo accounts. Called by server.ts before it listens;
 * anything wrong stops the start with a message. Several servers may start at once on one PostgreSQL
 * database: migrations run under a lock (db/client.ts), and the index, the generated questions and the
 * demo data are each written in one transaction under the lock "bootstrap", re-reading what is there.
 */
import { replaceSearchIndex } from "@db/queries/search";
import { deleteExpiredSessions, pruneLoginFailures } from "@db/queries/sessions";
import { findUserByEmployeeNo, insertUser, setDisabled, setPassword } from "@db/queries/users";
import type { Role } from "@db/schema";
import { now } from "~/clock.server";
import { getContent } from "~/content.server";
import { ENGINE, lock, redactUrl, transaction } from "@db/client";
import { getDb, initDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { getLogger } from "~/logger.server";
import { hashPassword, verifyPassword } from "~/domain/password";
import { LOGIN_WINDOW_MS } from "~/domain/rate-limit";
import { ensureDemoCohort } from "~/demo-cohort.server";
import { ensureDemoExam } from "~/demo.server";
import { sweepOverdue } from "~/exams.server";
import { syncGeneratedQuestions } from "~/question-bank.server";
import { getSessionSecrets } from "~/session-secret.server";

export const DEMO_PASSWORD = "kefu-demo";
export const DEMO_ACCOUNTS: { employeeNo: string; name: string; role: Role; team: string }[] = [
  { employeeNo: "admin", name: "系统管理员", role: "admin", team: "系统" },
  { employeeNo: "trainer", name: "王培训", role: "trainer", team: "培训组" },
  { employeeNo: "learner", name: "李学员", role: "learner", team: "2026年11月新员工班" },
];

export interface BootstrapInfo {
  /** SQLite: the file; PostgreSQL: the address without its password. */
  databasePath: string;
  engine: "sqlite" | "postgres";
  modules: number;
  demo: boolean;
  messages: string[];
}

export async function bootstrap(): Promise<BootstrapInfo> {
  const env = getEnv();
  getSessionSecrets();
  const db = await initDb();
  const content = getContent();
  await replaceSearchIndex(
    db,
    content.modules.flatMap((m) =>
      m.sections.map((s) => ({ moduleSlug: m.slug, sectionId: s.id, heading: s.heading, body: s.text })),
    ),
  );
  const messages: string[] = [];
  const sync = await syncGeneratedQuestions(db, content, now());
  if (sync.created || sync.revised || sync.retired)
    messages.push(`题库：由课件生成新题 ${sync.created} 道，因内容变化产生新版本 ${sync.revised} 道，停用 ${sync.retired} 道。`);
  if (env.demo) {
    await ensureDemoAccounts();
    const demoExam = await ensureDemoExam(db, now());
    if (demoExam.created) messages.push("演示数据：已创建可直接参加的考试“客服基础认证考试”。");
    if (demoExam.problem) messages.push(demoExam.problem);
    if (await ensureDemoCohort()) messages.push(`演示数据：已创建班级“2026年11月新员工班”（60 名学员及其考试成绩，含两道故意设计的瑕疵题）。`);
    messages.push(
      `演示模式：已准备演示账号 ${DEMO_ACCOUNTS.map((a) => a.employeeNo).join(" / ")}，密码均为 ${DEMO_PASSWORD}。这些账号只在演示模式下创建，切勿用于正式环境。`,
    );
  } else {
    const disabled = await disableDemoAccountsWithKnownPassword();
    if (disabled.length)
      messages.push(`警告：发现使用演示密码的账号 ${disabled.join("、")}，已停用。请由管理员重置密码后再启用。`);
  }
  await startSweep();
  const databasePath = ENGINE === "postgres" ? redactUrl(env.DATABASE_URL!) : env.DATABASE_PATH;
  return { databasePath, engine: ENGINE, modules: content.modules.length, demo: env.demo, messages };
}

/** Expired sessions and sign-in failures older than the rate-limit window are of no further use. */
async function pruneHousekeeping(): Promise<void> {
  const db = getDb();
  await deleteExpiredSessions(db, now());
  await pruneLoginFailures(db, now() - LOGIN_WINDOW_MS);
}

const logged = (what: string) => (error: unknown) => getLogger().error({ err: error }, what);

/** Finalise attempts whose time ran out even if nobody touches them again; prune hourly. */
async function startSweep(): Promise<void> {
  const g = globalThis as unknown as { __kefuSweep?: NodeJS.Timeout; __kefuPrune?: NodeJS.Timeout };
  if (g.__kefuSweep) return;
  await pruneHousekeeping();
  g.__kefuPrune = setInterval(() => void pruneHousekeeping().catch(logged("清理过期会话出错")), 60 * 60_000);
  g.__kefuPrune.unref();
  await sweepOverdue();
  // One sweep at a time in this process: a slow one is not overtaken by the next tick.
  let running = false;
  g.__kefuSweep = setInterval(() => {
    if (running) return;
    running = true;
    sweepOverdue()
      .catch(logged("定时交卷出错"))
      .finally(() => {
        running = false;
      });
  }, 5_000);
  g.__kefuSweep.unref();
}

/** Graceful shutdown: no new sweep or prune starts after this. */
export function stopBackgroundJobs() {
  const g = globalThis as unknown as { __kefuSweep?: NodeJS.Timeout; __kefuPrune?: NodeJS.Timeout };
  if (g.__kefuSweep) clearInterval(g.__kefuSweep);
  if (g.__kefuPrune) clearInterval(g.__kefuPrune);
  g.__kefuSweep = undefined;
  g.__kefuPrune = undefined;
}

/** Idempotent with several servers starting at once: the hash is made first, the writes under the lock. */
async function ensureDemoAccounts() {
  const hash = await hashPassword(DEMO_PASSWORD);
  const known = new Map<string, boolean>();
  for (const a of DEMO_ACCOUNTS) {
    const existing = await findUserByEmployeeNo(getDb(), a.employeeNo);
    known.set(a.employeeNo, Boolean(existing && (await verifyPassword(DEMO_PASSWORD, existing.passwordHash))));
  }
  await transaction(getDb(), async (tx) => {
    await lock(tx, "bootstrap");
    for (const a of DEMO_ACCOUNTS) {
      const existing = await findUserByEmployeeNo(tx, a.employeeNo);
      if (!existing) await insertUser(tx, { ...a, passwordHash: hash }, now());
      else if (!known.get(a.employeeNo)) await setPassword(tx, existing.id, hash, now());
      if (existing?.disabledAt) await setDisabled(tx, existing.id, false, now());
    }
  });
}

/** Outside demo mode no account may keep the published demo password. */
async function disableDemoAccountsWithKnownPassword(): Promise<string[]> {
  const db = getDb();
  const out: string[] = [];
  for (const a of DEMO_ACCOUNTS) {
    const u = await findUserByEmployeeNo(db, a.employeeNo);
    if (u && !u.disabledAt && (await verifyPassword(DEMO_PASSWORD, u.passwordHash))) {
      await setDisabled(db, u.id, true, now());
      out.push(a.employeeNo);
    }
  }
  return out;
}
