/**
 * Two app servers (the built server, two processes) on one PostgreSQL database, as behind a load
 * balancer: a session made on one is good on the other; a whole class starting one exam at once, spread
 * over both, gets one attempt and one paper each; attempts left to run out are finalised exactly once,
 * with one certificate each, while both servers' sweeps run; and the sign-in limit holds across both.
 * PostgreSQL only (vitest.config.ts PG_ONLY): it needs one database two processes share.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { decode } from "turbo-stream";
import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { inArray, sql } from "drizzle-orm";
import { rows } from "@db/client";
import { insertExam, type NewExam } from "@db/queries/exams";
import { sessions, users } from "@db/schema";
import { hashPassword } from "~/domain/password";
import { MAX_FAILURES_PER_ACCOUNT, accountKey } from "~/domain/rate-limit";
import { answerAsShown } from "~/exams.server";
import { SESSION_TTL_MS } from "~/auth.server";
import { freshDatabaseUrl } from "../helpers/db";
import { Browserish, TEST_SECRET, startServer, type TestServer } from "../helpers/server";

const PASSWORD = "multi-server-pass";
let a: TestServer;
let b: TestServer;
let passwordHash: string;

beforeAll(async () => {
  a = await startServer({ testClock: true });
  b = await startServer({ testClock: true, ...a.sameDatabase });
  passwordHash = await hashPassword(PASSWORD);
}, 90_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
});

/** Learners `prefix0000…`, all with PASSWORD (one hash: scrypt is slow on purpose). */
async function learners(prefix: string, n: number): Promise<string[]> {
  const t = Date.now();
  const nos = Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, "0")}`);
  await a.db.insert(users).values(nos.map((employeeNo, i) => ({ employeeNo, name: `多机${i}`, role: "learner" as const, team: null, passwordHash, createdAt: t, updatedAt: t })));
  return nos;
}

const cookie = createCookie("kefu_session", { path: "/", secrets: [TEST_SECRET] });

/**
 * Browsers already signed in as these learners, as after 登录 (a session row and its signed cookie),
 * without a password check each: the class's sign-in is not what these tests are about, and 200 scrypt
 * checks would take most of their time. Signing in across servers is tested with the real form.
 */
async function signedIn(nos: string[]): Promise<Browserish[]> {
  const t = Date.now();
  const found = await a.db.select({ id: users.id, employeeNo: users.employeeNo }).from(users).where(inArray(users.employeeNo, nos));
  const ids = new Map(found.map((u) => [u.employeeNo, u.id]));
  const sessionIds = nos.map(() => randomBytes(24).toString("base64url"));
  await a.db.insert(sessions).values(nos.map((no, i) => ({ id: sessionIds[i], userId: ids.get(no)!, createdAt: t, expiresAt: t + SESSION_TTL_MS })));
  return Promise.all(
    sessionIds.map(async (id) => {
      const browser = new Browserish(a.url);
      browser.cookies.set("kefu_session", (await cookie.serialize(id)).split(";")[0].split("=").slice(1).join("="));
      return browser;
    }),
  );
}

/** The same browser (its cookies) talking to another server, as a load balancer may route it. */
function via(browser: Browserish, server: TestServer): Browserish {
  const other = new Browserish(server.url);
  other.cookies = new Map(browser.cookies);
  return other;
}

/** Runs `fn` over `items`, at most `width` at a time. */
async function limited<T, R>(items: T[], width: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

/** An exam of `count` true/false questions from the generated bank. */
async function makeExam(title: string, overrides: Partial<NewExam> = {}): Promise<number> {
  return await insertExam(
    a.db,
    {
      title,
      description: null,
      blueprint: [{ count: 4, points: 1, types: ["true_false"] }],
      timeLimitMinutes: 30,
      passPercent: 60,
      attemptsAllowed: 1,
      opensAt: null,
      closesAt: null,
      shuffleQuestions: true,
      shuffleOptions: true,
      multipleScoring: "all-or-nothing",
      reviewMode: "score",
      reviewFrom: null,
      certificateName: null,
      certificateValidityMonths: null,
      audience: "everyone",
      status: "published",
      createdBy: null,
      ...overrides,
    },
    [],
    Date.now(),
  );
}

/** 开始考试: the attempt's id from the redirect. */
async function start(browser: Browserish, examId: number): Promise<string> {
  const res = await browser.post(`/exams/${examId}`, {});
  if (res.status !== 302) throw new Error(`start refused: ${res.status} ${await res.text()}`);
  return /\/attempts\/([^/?]+)$/.exec(res.headers.get("location") ?? "")![1];
}

const save = (browser: Browserish, attemptId: string, position: number, response: unknown, seq: number) =>
  browser.request(`/attempts/${attemptId}/save`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ intent: "save", position, response, seq }),
  });

/** No error was logged by either server (pino: level 50 error, 60 fatal). */
function expectNoErrorsLogged() {
  for (const [name, s] of [["A", a], ["B", b]] as const) {
    const errors = s.output().split("\n").filter((line) => /"level":(50|60)/.test(line));
    expect(errors, `errors logged by server ${name}`).toEqual([]);
  }
}

describe("two app servers on one PostgreSQL database", () => {
  it("a learner signs in on server A and saves on server B with the same cookie; A sees the save", async () => {
    const [no] = await learners("MSA", 1);
    const examId = await makeExam("多机会话考试");
    const onA = new Browserish(a.url);
    await onA.login(no, PASSWORD);
    const attemptId = await start(onA, examId);
    // The same browser, its next request routed to B.
    const onB = via(onA, b);
    const res = await save(onB, attemptId, 0, true, 1);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, applied: true });

    const data = await onA.get(`/attempts/${attemptId}.data`);
    expect(data.status).toBe(200);
    const { value, done } = await decode(data.body!);
    await done;
    const route = Object.entries(value as Record<string, { data?: { items: { position: number; response: unknown }[] } }>).find(([id]) =>
      id.includes("attempts"),
    )![1].data!;
    expect(route.items.find((i) => i.position === 0)!.response).toBe(true);
    const [stored] = await rows<{ response: unknown; seq: number }>(
      a.db,
      sql`select response, response_seq as seq from attempt_items where attempt_id = ${attemptId} and position = 0`,
    );
    expect(stored).toEqual({ response: true, seq: 1 });
  });

  it("200 learners start one exam at once, spread over both servers: one attempt and one paper each, no errors", async () => {
    const nos = await learners("MSB", 200);
    const examId = await makeExam("多机同时开考");
    const browsers = (await signedIn(nos)).map((browser, i) => via(browser, i % 2 ? b : a));
    const responses = await Promise.all(browsers.map((browser) => browser.post(`/exams/${examId}`, {})));
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 302));

    const attempts = await rows<{ userId: number; n: number; items: number; positions: number }>(
      a.db,
      sql`select a.user_id as "userId", count(distinct a.id)::int as n, count(i.position)::int as items,
                 count(distinct i.position)::int as positions
            from attempts a left join attempt_items i on i.attempt_id = a.id
           where a.exam_id = ${examId} group by a.user_id`,
    );
    expect(attempts).toHaveLength(200);
    for (const row of attempts) expect(row).toMatchObject({ n: 1, items: 4, positions: 4 });
    expectNoErrorsLogged();
  }, 180_000);

  it("the same learner pressing 开始考试 on both servers at once gets one attempt", async () => {
    const nos = await learners("MSC", 10);
    const examId = await makeExam("多机重复开考", { attemptsAllowed: 3 });
    for (const onA of await signedIn(nos)) {
      const onB = via(onA, b);
      const ids = await Promise.all([start(onA, examId), start(onB, examId), start(onA, examId), start(onB, examId)]);
      expect(new Set(ids).size).toBe(1);
    }
    const [counts] = await rows<{ attempts: number; learners: number }>(
      a.db,
      sql`select count(*)::int as attempts, count(distinct user_id)::int as learners from attempts where exam_id = ${examId}`,
    );
    expect(counts).toEqual({ attempts: 10, learners: 10 });
    expectNoErrorsLogged();
  }, 120_000);

  it("attempts left to run out are finalised exactly once, with one certificate each, while both sweeps run", async () => {
    const nos = await learners("MSD", 80);
    const examId = await makeExam("多机定时交卷", { timeLimitMinutes: 5, certificateName: "多机认证", certificateValidityMonths: 12 });
    // Started spread over both servers; the even ones answer every question right (through the other
    // server), the odd ones answer nothing. Then nobody comes back.
    const browsers = await signedIn(nos);
    const started = await limited(browsers, 8, async (signed, i) => {
      const browser = via(signed, i % 2 ? b : a);
      const attemptId = await start(browser, examId);
      if (i % 2 === 0) {
        const other = via(signed, i % 4 ? a : b);
        const items = await rows<{ position: number; optionOrder: string[]; seed: string; type: string; answer: unknown }>(
          a.db,
          sql`select i.position, i.option_order as "optionOrder", t.seed, v.type, v.answer
                from attempt_items i join attempts t on t.id = i.attempt_id
                join question_versions v on v.question_id = i.question_id and v.version = i.version
               where i.attempt_id = ${attemptId} order by i.position`,
        );
        for (const item of items) {
          const response = answerAsShown({ seed: item.seed }, { position: item.position, optionOrder: item.optionOrder }, item.type, item.answer);
          const res = await save(other, attemptId, item.position, response, 1);
          expect(res.status).toBe(200);
        }
      }
      return attemptId;
    });
    expect(new Set(started).size).toBe(80);

    try {
      // Past every deadline and the grace, on both servers' clocks: both sweeps find the same work.
      await Promise.all([a.clock.advance(6 * 60_000), b.clock.advance(6 * 60_000)]);
      await vi.waitFor(
        async () => {
          const [open] = await rows<{ n: number }>(a.db, sql`select count(*)::int as n from attempts where exam_id = ${examId} and status = 'in_progress'`);
          expect(open.n).toBe(0);
        },
        { timeout: 60_000, interval: 200 },
      );
    } finally {
      await Promise.all([a.clock.reset(), b.clock.reset()]);
    }

    const finalised = await rows<{ id: string; userId: number; finalisedBy: string; passed: boolean; submittedAt: number; deadline: number }>(
      a.db,
      sql`select id, user_id as "userId", finalised_by as "finalisedBy", passed, submitted_at as "submittedAt", deadline from attempts where exam_id = ${examId}`,
    );
    expect(finalised).toHaveLength(80);
    for (const f of finalised) {
      expect(f.finalisedBy).toBe("sweep");
      expect(f.submittedAt).toBe(f.deadline);
    }
    const passed = finalised.filter((f) => f.passed);
    expect(passed).toHaveLength(40);
    const certs = await rows<{ attemptId: string; code: string }>(
      a.db,
      sql`select c.attempt_id as "attemptId", c.code from certificates c where c.exam_id = ${examId}`,
    );
    expect(certs.map((c) => c.attemptId).sort()).toEqual(passed.map((p) => p.id).sort());
    expect(new Set(certs.map((c) => c.code)).size).toBe(certs.length);
    // Every item graded once, by one finalisation: a score on each, none left null.
    const [ungraded] = await rows<{ n: number }>(
      a.db,
      sql`select count(*)::int as n from attempt_items i join attempts t on t.id = i.attempt_id where t.exam_id = ${examId} and i.score_milli is null`,
    );
    expect(ungraded.n).toBe(0);
    expectNoErrorsLogged();
  }, 180_000);

  it("the sign-in limit holds across both servers: parallel wrong passwords split over A and B", async () => {
    const [no] = await learners("MSE", 1);
    const tries = 30;
    const responses = await Promise.all(
      Array.from({ length: tries }, (_, i) => new Browserish(i % 2 ? b.url : a.url).post("/login", { employeeNo: no, password: `wrong-${i}` })),
    );
    const statuses = responses.map((r) => r.status);
    // Only as many passwords were checked (401) as the limit allows; every other try was refused unchecked.
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_FAILURES_PER_ACCOUNT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(tries - MAX_FAILURES_PER_ACCOUNT);
    const [failures] = await rows<{ n: number }>(a.db, sql`select count(*)::int as n from login_failures where key = ${accountKey(no)}`);
    expect(failures.n).toBe(MAX_FAILURES_PER_ACCOUNT);
    // And the right password, on either server, is refused too until the window passes.
    expect((await new Browserish(a.url).post("/login", { employeeNo: no, password: PASSWORD })).status).toBe(429);
    expect((await new Browserish(b.url).post("/login", { employeeNo: no, password: PASSWORD })).status).toBe(429);
  });
});

describe("several servers starting at once on one fresh PostgreSQL database", () => {
  it("two demo-mode servers started at the same moment both start; the demo accounts, exam and cohort exist once", async () => {
    const databaseUrl = await freshDatabaseUrl("demo2");
    const demo = { KEFU_DEMO: "1", SESSION_SECRET: "" };
    const [one, two] = await Promise.all([
      startServer({ databaseUrl, env: demo, startTimeoutMs: 90_000 }),
      startServer({ databaseUrl, env: demo, startTimeoutMs: 90_000 }),
    ]);
    try {
      for (const s of [one, two]) expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
      const accounts = await rows<{ employeeNo: string; n: number }>(
        one.db,
        sql`select employee_no as "employeeNo", count(*)::int as n from users where employee_no in ('admin', 'trainer', 'learner') group by employee_no order by employee_no`,
      );
      expect(accounts).toEqual([
        { employeeNo: "admin", n: 1 },
        { employeeNo: "learner", n: 1 },
        { employeeNo: "trainer", n: 1 },
      ]);
      const [exams] = await rows<{ n: number }>(one.db, sql`select count(*)::int as n from exams where title = '客服基础认证考试'`);
      expect(exams.n).toBe(1);
      const [cohorts] = await rows<{ n: number }>(one.db, sql`select count(*)::int as n from cohorts where name = '2026年11月新员工班'`);
      expect(cohorts.n).toBe(1);
      // Both can sign the demo learner in.
      for (const s of [one, two]) await new Browserish(s.url).login("learner", "kefu-demo");
    } finally {
      await one.stop();
      await two.stop();
    }
  }, 180_000);
});
