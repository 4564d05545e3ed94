/**
 * Start-up: open and migrate the database, load and index the courseware, and in demo mode create the
 * demo accounts. Called by server.ts before it listens; anything wrong stops the start with a message.
 */
import { replaceSearchIndex } from "@db/queries/search";
import { deleteExpiredSessions, pruneLoginFailures } from "@db/queries/sessions";
import { findUserByEmployeeNo, insertUser, setDisabled, setPassword } from "@db/queries/users";
import type { Role } from "@db/schema";
import { now } from "~/clock.server";
import { getContent } from "~/content.server";
import { getDb } from "~/db.server";
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
  databasePath: string;
  modules: number;
  demo: boolean;
  messages: string[];
}

export async function bootstrap(): Promise<BootstrapInfo> {
  const env = getEnv();
  getSessionSecrets();
  const db = getDb();
  const content = getContent();
  replaceSearchIndex(
    db,
    content.modules.flatMap((m) =>
      m.sections.map((s) => ({ moduleSlug: m.slug, sectionId: s.id, heading: s.heading, body: s.text })),
    ),
  );
  const messages: string[] = [];
  const sync = syncGeneratedQuestions(db, content, now());
  if (sync.created || sync.revised || sync.retired)
    messages.push(`题库：由课件生成新题 ${sync.created} 道，因内容变化产生新版本 ${sync.revised} 道，停用 ${sync.retired} 道。`);
  if (env.demo) {
    await ensureDemoAccounts();
    const demoExam = ensureDemoExam(db, now());
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
  startSweep();
  return { databasePath: env.DATABASE_PATH, modules: content.modules.length, demo: env.demo, messages };
}

/** Expired sessions and sign-in failures older than the rate-limit window are of no further use. */
function pruneHousekeeping() {
  const db = getDb();
  deleteExpiredSessions(db, now());
  pruneLoginFailures(db, now() - LOGIN_WINDOW_MS);
}

/** Finalise attempts whose time ran out even if nobody touches them again; prune hourly. */
function startSweep() {
  const g = globalThis as unknown as { __kefuSweep?: NodeJS.Timeout; __kefuPrune?: NodeJS.Timeout };
  if (g.__kefuSweep) return;
  pruneHousekeeping();
  g.__kefuPrune = setInterval(pruneHousekeeping, 60 * 60_000);
  g.__kefuPrune.unref();
  sweepOverdue();
  g.__kefuSweep = setInterval(() => {
    try {
      sweepOverdue();
    } catch (error) {
      getLogger().error({ err: error }, "定时交卷出错");
    }
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

async function ensureDemoAccounts() {
  const db = getDb();
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const a of DEMO_ACCOUNTS) {
    const existing = findUserByEmployeeNo(db, a.employeeNo);
    if (!existing) insertUser(db, { ...a, passwordHash: hash }, now());
    else if (!(await verifyPassword(DEMO_PASSWORD, existing.passwordHash))) setPassword(db, existing.id, hash, now());
    if (existing?.disabledAt) setDisabled(db, existing.id, false, now());
  }
}

/** Outside demo mode no account may keep the published demo password. */
async function disableDemoAccountsWithKnownPassword(): Promise<string[]> {
  const db = getDb();
  const out: string[] = [];
  for (const a of DEMO_ACCOUNTS) {
    const u = findUserByEmployeeNo(db, a.employeeNo);
    if (u && !u.disabledAt && (await verifyPassword(DEMO_PASSWORD, u.passwordHash))) {
      setDisabled(db, u.id, true, now());
      out.push(a.employeeNo);
    }
  }
  return out;
}
