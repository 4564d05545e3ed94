/**
 * The wrong-answer book through the built server: a wrong practice answer enters it, it is due a day
 * later (test clock), right answers at 2 consecutive scheduled reviews take it out, the pages never carry
 * the question id or the key before the answer, and the trainer's per-cohort view is authorised.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exec, row } from "@db/client";
import { sql } from "drizzle-orm";
import { getQuestion } from "@db/queries/questions";
import type { Question } from "~/domain/question";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
const ids: Record<string, number> = {};
let singleId: string;
let cohortId: number;
const DAY = 86_400_000;

beforeAll(async () => {
  server = await startServer({ testClock: true });
  for (const no of ["W001", "W002"]) ids[no] = (await createUser(server.db, { employeeNo: no, role: "learner", password: "learner-pass" })).id;
  ids.T001 = (await createUser(server.db, { employeeNo: "T001", role: "trainer", password: "trainer-pass" })).id;
  ids.A001 = (await createUser(server.db, { employeeNo: "A001", role: "admin", password: "admin-pass" })).id;
  singleId = (await row<{ id: string }>(server.db,
    sql`select id from questions where module = 'business-hall' and status = 'published' and id like 'gen-%-single' order by id limit 1`,
  ))!.id;
  await exec(server.db, sql`update questions set status = 'retired' where module = 'business-hall' and id != ${singleId}`);
  await exec(server.db, sql`insert into cohorts (name, created_at) values ('错题班', 0)`);
  cohortId = (await row<{ id: number }>(server.db, sql`select id from cohorts where name = '错题班'`))!.id;
  await exec(server.db, sql`insert into cohort_members (cohort_id, user_id, added_at) values (${cohortId}, ${ids.W001}, 0)`);
});
afterAll(() => server?.stop());

async function signIn(no: string, password = "learner-pass") {
  const b = new Browserish(server.url);
  await b.login(no, password);
  return b;
}
function shownId(html: string, text: string): string {
  const esc = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`value="([^"]+)"[^>]*/?><span[^>]*>${esc}</span>`).exec(html);
  expect(m, `option “${text}” on the page`).toBeTruthy();
  return m![1];
}
const textOf = (q: Question, id: string) => q.options.find((o) => o.id === id)!.text;
const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const entryOf = async (no: string) =>
  await row<{ right_streak: number; cleared_at: number | null; due: number; source: string }>(server.db,
    sql`select right_streak, cleared_at, due, source from wrong_answers where user_id = ${ids[no]} and question_id = ${singleId}`,
  );
const bookDue = async (b: Browserish) => {
  const html = await (await b.get("/dashboard")).text();
  const m = /data-testid="wrong-book-due"[^]*?错题本：(?:<!-- -->)?(\d+)/.exec(html);
  expect(m, "dashboard shows the book's due count").toBeTruthy();
  return Number(m![1]);
};

/** Answers the book's current question right or wrong; returns the response page. */
async function answerInBook(b: Browserish, q: Question, right: boolean) {
  const page = await (await b.get("/wrong-book/review")).text();
  // The review page carries a sealed reference, never the question id or the key's stored option ids.
  expect(page).not.toContain(singleId);
  for (const o of q.options) expect(page).not.toContain(`value="${o.id}"`);
  const answer = right ? (q.answer as string) : q.options.find((o) => o.id !== q.answer)!.id;
  return decode(await (await b.post("/wrong-book/review", { ref: hidden(page, "ref")!, answer: shownId(page, textOf(q, answer)) })).text());
}

/** Puts the question in this learner's book by a wrong practice answer, unless it is there already. */
async function ensureWrongInPractice(no: string) {
  const e = await entryOf(no);
  if (e && e.cleared_at === null) return;
  const b = await signIn(no);
  const q = (await getQuestion(server.db, singleId))!;
  const page = await (await b.get("/practice/business-hall")).text();
  await b.post("/practice/business-hall", { ref: hidden(page, "ref")!, seen: "", answer: shownId(page, textOf(q, q.options.find((o) => o.id !== q.answer)!.id)) });
}

describe("wrong-answer book", () => {
  it("a wrong practice answer enters the book, due the next day; a right one does not", async () => {
    const b = await signIn("W001");
    const q = (await getQuestion(server.db, singleId))!;
    const page = await (await b.get("/practice/business-hall")).text();
    const right = await b.post("/practice/business-hall", { ref: hidden(page, "ref")!, seen: "", answer: shownId(page, textOf(q, q.answer as string)) });
    expect(right.status).toBe(200);
    expect(await entryOf("W001")).toBeUndefined();

    const page2 = await (await b.get("/practice/business-hall")).text();
    const wrongId = q.options.find((o) => o.id !== q.answer)!.id;
    await b.post("/practice/business-hall", { ref: hidden(page2, "ref")!, seen: "", answer: shownId(page2, textOf(q, wrongId)) });
    const entry = await entryOf("W001");
    expect(entry).toMatchObject({ right_streak: 0, cleared_at: null, source: "practice" });

    const book = decode(await (await b.get("/wrong-book")).text());
    expect(book).toContain(q.stem.slice(0, 8));
    expect(book).not.toContain(singleId);
    expect(book).toContain("连续 2 次按计划复习中都答对");
    expect(await bookDue(b)).toBe(0);
    expect(decode(await (await b.get("/wrong-book/review")).text())).toContain("到期的错题都复习完了");
  });

  it("leaves the book after right answers at 2 consecutive scheduled reviews (test clock)", async () => {
    await ensureWrongInPractice("W001");
    const q = (await getQuestion(server.db, singleId))!;
    // A moved clock ends the session: sign in after each move.
    await server.clock.set((await entryOf("W001"))!.due);
    let b = await signIn("W001");
    expect(await bookDue(b)).toBe(1);
    const first = await answerInBook(b, q, true);
    expect(first).toContain("连续答对 1 / 2 次");
    expect(first).toContain("manual-link");
    expect(await entryOf("W001")).toMatchObject({ right_streak: 1, cleared_at: null });
    // Not due again at once: the review page has nothing to serve.
    expect(await bookDue(b)).toBe(0);

    const due = (await entryOf("W001"))!.due;
    await server.clock.set(due);
    b = await signIn("W001");
    expect(await bookDue(b)).toBe(1);
    const second = await answerInBook(b, q, true);
    expect(second).toContain("已移出错题本");
    expect((await entryOf("W001"))!.cleared_at).not.toBeNull();
    expect(decode(await (await b.get("/wrong-book")).text())).toContain("错题本是空的");
  });

  it("a wrong answer at a review starts the count again", async () => {
    await ensureWrongInPractice("W002");
    const q = (await getQuestion(server.db, singleId))!;
    await server.clock.set((await entryOf("W002"))!.due);
    expect(await answerInBook(await signIn("W002"), q, true)).toContain("连续答对 1 / 2 次");
    await server.clock.set((await entryOf("W002"))!.due);
    expect(await answerInBook(await signIn("W002"), q, false)).toContain("重新计数");
    expect(await entryOf("W002")).toMatchObject({ right_streak: 0, cleared_at: null });
  });

  it("trainers see a cohort's most common wrong-book questions by stem; learners may not", async () => {
    await ensureWrongInPractice("W001");
    await ensureWrongInPractice("W002");
    const learner = await signIn("W001");
    const q = (await getQuestion(server.db, singleId))!;
    expect((await learner.get(`/trainer/cohorts/${cohortId}/wrong-book`)).status).toBe(403);
    const trainer = await signIn("T001", "trainer-pass");
    expect((await trainer.get(`/trainer/cohorts/${cohortId}/wrong-book`)).status).toBe(404);
    const admin = await signIn("A001", "admin-pass");
    const res = await admin.get(`/trainer/cohorts/${cohortId}/wrong-book`);
    expect(res.status).toBe(200);
    const html = decode(await res.text());
    expect(html).toContain(q.stem.slice(0, 8));
    // Only members count: W002 (not a member) has it in the book too, the count is 1.
    expect(html).toMatch(/data-testid="cohort-wrong-book"[^]*?<td class="whitespace-nowrap">1<\/td>/);
  });
});
