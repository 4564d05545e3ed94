/**
 * The trainer's long lists over real HTTP, on the demo cohort (60 learners with their attempts): the
 * exam's attempts, the cohort's members and the question bank are paged and filtered on the server
 * (issue 12 §7): 50 a page with the total, search by text in any letter case, filters, page links that
 * keep the filters, bad page numbers clamped (never a 500); each attempt links to its answer sheet
 * for a trainer who may see it; questions are named by their stem first (issue 12 §1).
 */
import { row } from "@db/client";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "~/db.server";
import { DEMO_COHORT_NAME, ensureDemoCohort } from "~/demo-cohort.server";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let trainer: Browserish;
let stranger: Browserish;
let cohortId: number;
let examId: number;

beforeAll(async () => {
  server = await startServer();
  await createUser(server.db, { employeeNo: "K9001", name: "列表培训师", role: "trainer", password: "trainer-pass" });
  await createUser(server.db, { employeeNo: "K9002", name: "别班培训师", role: "trainer", password: "trainer-pass" });
  setDb(server.db);
  try {
    expect(await ensureDemoCohort("K9001")).toBe(true);
  } finally {
    setDb(undefined);
  }
  cohortId = (await row<{ id: number }>(server.db, sql`select id from cohorts where name = ${DEMO_COHORT_NAME}`))!.id;
  examId = Number((await row<{ examId: number }>(server.db, sql`select exam_id as "examId" from cohort_assignments where cohort_id = ${cohortId} and kind = 'exam'`))!.examId);
  trainer = new Browserish(server.url);
  await trainer.login("K9001", "trainer-pass");
  stranger = new Browserish(server.url);
  await stranger.login("K9002", "trainer-pass");
});
afterAll(async () => {
  await server?.stop();
});

const count = async (q: ReturnType<typeof sql>) => Number((await row<{ n: number }>(server.db, q))!.n);
const attemptIds = (html: string) => [...html.matchAll(/data-attempt-id="([^"]+)"/g)].map((m) => m[1]);
const memberNos = (html: string) => [...html.matchAll(/data-employee-no="([^"]+)"/g)].map((m) => m[1]);
const total = (html: string) => Number(/data-testid="result-count"[^>]*data-total="(\d+)"/.exec(html)?.[1] ?? /data-total="(\d+)"[^>]*data-testid="result-count"/.exec(html)?.[1] ?? NaN);
const pagerHrefs = (html: string) => [...(/data-testid="(?:members-)?pager"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? "").matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&").replace(/^[^?]*/, ""));

async function page(b: Browserish, path: string) {
  const res = await b.get(path);
  expect(res.status, path).toBe(200);
  return res.text();
}

describe("the exam's attempts", () => {
  const path = () => `/trainer/exams/${examId}/attempts`;

  it("are paged 50 at a time with the total, and every page's rows are different", async () => {
    const all = await count(sql`select count(*) as n from attempts where exam_id = ${examId}`);
    expect(all).toBeGreaterThan(50);
    const first = await page(trainer, path());
    expect(total(first)).toBe(all);
    expect(attemptIds(first)).toHaveLength(50);
    expect(first).toContain(`第 1–50 条，共 ${all} 条`);
    expect(pagerHrefs(first)).toEqual([`?page=2`]);
    const second = await page(trainer, `${path()}?page=2`);
    expect(attemptIds(second)).toHaveLength(all - 50);
    expect(attemptIds(second).filter((id) => attemptIds(first).includes(id))).toEqual([]);
  });

  it("clamp bad page numbers instead of failing", async () => {
    const last = attemptIds(await page(trainer, `${path()}?page=2`));
    expect(attemptIds(await page(trainer, `${path()}?page=999`))).toEqual(last);
    const first = attemptIds(await page(trainer, path()));
    for (const bad of ["0", "-1", "abc", "1.5", "99999999999999"]) expect(attemptIds(await page(trainer, `${path()}?page=${bad}`)), bad).toEqual(first);
  });

  it("are found by learner 工号 or name in any letter case, and filtered by status; page links keep the filters", async () => {
    const mine = await count(sql`select count(*) as n from attempts a join users u on u.id = a.user_id where a.exam_id = ${examId} and u.employee_no = 'N2601'`);
    const html = await page(trainer, `${path()}?q=n2601`);
    expect(attemptIds(html)).toHaveLength(mine);
    expect(html).not.toContain(">N2602<");
    const name = (await row<{ name: string }>(server.db, sql`select name from users where employee_no = 'N2603'`))!.name;
    expect(attemptIds(await page(trainer, `${path()}?q=${encodeURIComponent(name)}`)).length).toBeGreaterThan(0);

    const passed = await count(sql`select count(*) as n from attempts where exam_id = ${examId} and status = 'submitted' and passed is true`);
    const failed = await count(sql`select count(*) as n from attempts where exam_id = ${examId} and status = 'submitted' and passed is false`);
    expect(passed).toBeGreaterThan(0);
    expect(failed).toBeGreaterThan(0);
    const passedHtml = await page(trainer, `${path()}?status=passed`);
    expect(total(passedHtml)).toBe(passed);
    expect(total(await page(trainer, `${path()}?status=failed`))).toBe(failed);
    const results = /data-testid="attempts-table"[\s\S]*<\/table>/.exec(passedHtml)![0];
    expect(results).not.toContain("未通过");

    // A search that pages: all attempts whose 工号 holds "N26", page 2 keeps q and status.
    const many = await page(trainer, `${path()}?q=N26&status=submitted`);
    const submitted = await count(sql`select count(*) as n from attempts where exam_id = ${examId} and status = 'submitted'`);
    expect(total(many)).toBe(submitted);
    if (submitted > 50) expect(pagerHrefs(many)).toEqual(["?page=2&q=N26&status=submitted"]);
    // Wildcards are text, and an unknown status is ignored.
    expect(total(await page(trainer, `${path()}?q=%25`))).toBe(0);
    expect(total(await page(trainer, `${path()}?status=hacked`))).toBe(await count(sql`select count(*) as n from attempts where exam_id = ${examId}`));
  });

  it("link each attempt to its answer sheet for the cohort's trainer, and not for a trainer of no cohort of the learner", async () => {
    const html = await page(trainer, path());
    const ids = attemptIds(html);
    for (const id of ids) expect(html).toContain(`href="/trainer/attempts/${id}"`);
    const sheet = await trainer.get(`/trainer/attempts/${ids[0]}`);
    expect(sheet.status).toBe(200);

    const theirs = await page(stranger, path());
    expect(attemptIds(theirs)).toHaveLength(50);
    expect(theirs).not.toContain('href="/trainer/attempts/');
    expect(theirs).toContain("不在你负责的班级");
    expect((await stranger.get(`/trainer/attempts/${ids[0]}`)).status).toBe(404);
  });

  it("put regrading in its own panel above the list, naming questions by their stem", async () => {
    const html = await page(trainer, path());
    expect(html.indexOf('data-testid="regrade-panel"')).toBeGreaterThan(-1);
    expect(html.indexOf('data-testid="regrade-panel"')).toBeLessThan(html.indexOf('data-testid="attempts-table"'));
    const stem = (await row<{ stem: string }>(server.db, sql`select stem from question_versions where question_id = 'demo-flawed-key' and version = 1`))!.stem;
    const choice = /data-question-id="demo-flawed-key"[\s\S]*?<\/li>/.exec(html)![0];
    expect(choice).toContain(stem);
    expect(choice.indexOf(stem)).toBeLessThan(choice.indexOf('data-testid="question-id"'));
  });
});

describe("the cohort's members", () => {
  const path = () => `/trainer/cohorts/${cohortId}`;

  it("are paged 50 at a time, found by 工号 or name in any letter case, with bad pages clamped", async () => {
    const first = await page(trainer, path());
    expect(total(first.replace('data-testid="members-count"', 'data-testid="result-count"'))).toBe(60);
    expect(memberNos(first)).toHaveLength(50);
    expect(memberNos(first)[0]).toBe("N2601");
    const second = await page(trainer, `${path()}?page=2`);
    expect(memberNos(second)).toEqual(Array.from({ length: 10 }, (_, i) => `N${2651 + i}`));
    expect(memberNos(await page(trainer, `${path()}?page=77`))).toEqual(memberNos(second));
    expect(memberNos(await page(trainer, `${path()}?page=-3`))).toEqual(memberNos(first));

    expect(memberNos(await page(trainer, `${path()}?q=n265`))).toEqual(Array.from({ length: 10 }, (_, i) => `N${2650 + i}`));
    const name = (await row<{ name: string }>(server.db, sql`select name from users where employee_no = 'N2605'`))!.name;
    expect(memberNos(await page(trainer, `${path()}?q=${encodeURIComponent(name)}`))).toContain("N2605");
    const none = await page(trainer, `${path()}?status=disabled`);
    expect(memberNos(none)).toEqual([]);
    expect(none).toContain("没有符合条件的成员");
  });

  it("page links keep the filters, and the learner picker searches with its own parameter", async () => {
    const html = await page(trainer, `${path()}?q=N26&status=active`);
    expect(pagerHrefs(html)).toEqual(["?page=2&q=N26&status=active"]);
    const picked = await page(trainer, `${path()}?q=N26&pick=K900`);
    expect(memberNos(picked)).toHaveLength(50);
    expect(picked).toMatch(/data-testid="no-candidates"/);
  });
});

describe("the question bank", () => {
  it("finds a question by its stem text or its id in any letter case, stem shown before the id", async () => {
    const html = await page(trainer, `/trainer/questions?q=${encodeURIComponent("人工接通率应不低于")}`);
    const rowHtml = /data-question-id="demo-flawed-key"[\s\S]*?<\/tr>/.exec(html)![0];
    expect(rowHtml).toContain("故障受理电话的人工接通率应不低于多少？");
    expect(rowHtml.indexOf("故障受理电话")).toBeLessThan(rowHtml.indexOf('data-testid="question-id"'));
    expect(html).toContain('data-question-id="demo-flawed-key"');
    const upper = await page(trainer, "/trainer/questions?q=DEMO-FLAWED-KEY");
    expect(upper).toContain('data-question-id="demo-flawed-key"');
    expect(total(upper)).toBe(1);
  });

  it("clamps bad page numbers and keeps the filters in page links", async () => {
    const all = await count(sql`select count(*) as n from questions`);
    const pages = Math.ceil(all / 50);
    expect(pages).toBeGreaterThan(1);
    const last = await page(trainer, `/trainer/questions?page=${pages}`);
    expect(await page(trainer, "/trainer/questions?page=100000")).toContain(`第 ${pages} / ${pages} 页`);
    expect(last).toContain(`第 ${pages} / ${pages} 页`);
    expect(await page(trainer, "/trainer/questions?page=abc")).toContain(`第 1 / ${pages} 页`);
    const generated = await count(sql`select count(*) as n from questions where source = 'generated' and status = 'published'`);
    const filtered = await page(trainer, "/trainer/questions?source=generated&status=published&type=bogus");
    expect(total(filtered)).toBe(generated);
    if (generated > 50) expect(pagerHrefs(filtered)).toEqual(["?page=2&q=&type=&status=published&source=generated&module=&tag=".replace(/&[a-z]+=(?=&|$)/g, "")]);
  });
});
