/**
 * No lost time, through the built server (npm run build first): extra time a trainer grants reaches the
 * page in every save reply and heartbeat; a time-triggered submit (reason=time) before the server's
 * deadline is refused with the new deadline and changes nothing; and who finalised each attempt
 * (learner / deadline / sweep) is recorded truthfully and shown to trainers.
 *
 * Deadlines are moved by writing the attempt's row (the server reads it on every request), so nothing
 * here waits for real minutes to pass; only the sweep test waits for the server's own sweep.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertExam } from "@db/queries/exams";
import { insertQuestion } from "@db/queries/questions";
import { and, eq } from "drizzle-orm";
import { attemptItems, attempts } from "@db/schema";
import type { QuestionContent } from "~/domain/question";
import { SAVE_GRACE_MS } from "~/domain/exam";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

const TAG = "计时测试";
const base = { explanation: "", module: null, section: null, facts: [], tags: [TAG], family: "" };
const QUESTIONS: Record<string, QuestionContent> = {
  "time-tf1": { ...base, type: "true_false", stem: "计时判断一", options: [], answer: true },
  "time-tf2": { ...base, type: "true_false", stem: "计时判断二", options: [], answer: false },
};

let server: TestServer;
let examId: number;
let trainer: Browserish;
let seq = 1;

interface AttemptRow {
  status: string;
  deadline: number;
  submitted_at: number | null;
  finalised_by: string | null;
}
const row = async (id: string): Promise<AttemptRow> => {
  const [r] = await server.db
    .select({ status: attempts.status, deadline: attempts.deadline, submitted_at: attempts.submittedAt, finalised_by: attempts.finalisedBy })
    .from(attempts)
    .where(eq(attempts.id, id));
  return r;
};
const setDeadline = (id: string, deadline: number) => server.db.update(attempts).set({ deadline }).where(eq(attempts.id, id));
const positionOf = async (id: string, questionId: string) => {
  const [r] = await server.db
    .select({ position: attemptItems.position })
    .from(attemptItems)
    .where(and(eq(attemptItems.attemptId, id), eq(attemptItems.questionId, questionId)));
  return r.position;
};
const saveJson = (b: Browserish, id: string, body: unknown) =>
  b.request(`/attempts/${id}/save`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
const submit = (b: Browserish, id: string, reason?: string) => b.post(`/attempts/${id}/submit`, reason === undefined ? {} : { reason });

let learnerNo = 0;
/** A new learner who has just started the exam: their client and the attempt id. */
async function sitting(): Promise<{ learner: Browserish; id: string }> {
  learnerNo++;
  const employeeNo = `TM${String(learnerNo).padStart(3, "0")}`;
  await createUser(server.db, { employeeNo, name: `计时考生${learnerNo}`, password: "time-pass-1" });
  const learner = new Browserish(server.url);
  await learner.login(employeeNo, "time-pass-1");
  const start = await learner.post(`/exams/${examId}`, {});
  expect(start.status).toBe(302);
  return { learner, id: start.headers.get("location")!.split("/").pop()! };
}

beforeAll(async () => {
  server = await startServer();
  const t = Date.now();
  for (const [id, content] of Object.entries(QUESTIONS)) await insertQuestion(server.db, { id, source: "authored", status: "published", content, createdBy: null, note: "test" }, t);
  examId = await insertExam(
    server.db,
    {
      title: "计时考试",
      description: null,
      blueprint: [{ count: 2, points: 1, tags: [TAG] }],
      timeLimitMinutes: 30,
      passPercent: 50,
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
    },
    [],
    t,
  );
  await createUser(server.db, { employeeNo: "TT001", name: "计时培训师", role: "trainer", password: "trainer-pass-1" });
  trainer = new Browserish(server.url);
  await trainer.login("TT001", "trainer-pass-1");
});

afterAll(async () => {
  await server?.stop();
});

describe("extra time reaches the page and a time-triggered submit cannot take it away", () => {
  it("with 20 s left the trainer grants 5 minutes: the save reply and the heartbeat carry the new deadline; the page's submit at the old zero is refused", async () => {
    const { learner, id } = await sitting();
    const oldDeadline = Date.now() + 20_000;
    await setDeadline(id, oldDeadline);

    const before = await (await saveJson(learner, id, { intent: "save", position: await positionOf(id, "time-tf1"), response: true, seq: seq++ })).json();
    expect(before).toMatchObject({ ok: true, applied: true, deadline: oldDeadline });

    const grant = await trainer.post(`/trainer/exams/${examId}/attempts`, { intent: "extraTime", attemptId: id, minutes: "5" });
    expect(grant.status).toBe(200);
    const newDeadline = oldDeadline + 5 * 60_000;
    expect((await row(id)).deadline).toBe(newDeadline);

    // The heartbeat and every save reply now say so.
    const beat = await (await saveJson(learner, id, { intent: "sync" })).json();
    expect(beat).toMatchObject({ ok: true, status: "in_progress", deadline: newDeadline });
    expect(Math.abs(beat.serverNow - Date.now())).toBeLessThan(5_000);
    const after = await (await saveJson(learner, id, { intent: "save", position: await positionOf(id, "time-tf2"), response: false, seq: seq++ })).json();
    expect(after).toMatchObject({ ok: true, applied: true, deadline: newDeadline });

    // A page that missed the news reaches its old zero and asks to submit: refused, with the new deadline.
    const refused = await submit(learner, id, "time");
    expect(refused.status).toBe(409);
    expect(refused.headers.get("content-type")).toContain("application/json");
    const body = await refused.json();
    expect(body).toMatchObject({ ok: false, code: "timeNotUp", deadline: newDeadline });
    expect(body.message).toContain("考试时间尚未用完");
    expect(typeof body.serverNow).toBe("number");
    expect(await row(id)).toMatchObject({ status: "in_progress", finalised_by: null, submitted_at: null });
    // The page stays usable: its data still loads and answers are still taken.
    expect((await learner.get(`/attempts/${id}`)).status).toBe(200);

    // The learner then presses 交卷: recorded as the learner's, both answers graded.
    const done = await submit(learner, id, "learner");
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe(`/attempts/${id}/result`);
    const r = await row(id);
    expect(r).toMatchObject({ status: "submitted", finalised_by: "learner" });
    expect(r.submitted_at!).toBeLessThan(newDeadline);
    const [score] = await server.db.select({ score: attempts.scoreMilli }).from(attempts).where(eq(attempts.id, id));
    expect(score.score).toBe(2000);
  });

  it("a submit with an unknown reason is refused with a clear message and changes nothing", async () => {
    const { learner, id } = await sitting();
    const res = await submit(learner, id, "whenever");
    expect(res.status).toBe(400);
    expect((await res.json()).message).toContain("reason 只能是 learner 或 time");
    expect((await row(id)).status).toBe("in_progress");
    // Another learner's attempt: 404 either way, nothing changes.
    const other = await sitting();
    expect((await submit(other.learner, id, "time")).status).toBe(404);
    expect((await row(id)).status).toBe("in_progress");
  });
});

describe("who finalised an attempt is recorded truthfully and shown to trainers", () => {
  it("learner: a plain 交卷 (no reason given) is the learner's", async () => {
    const { learner, id } = await sitting();
    expect((await submit(learner, id)).status).toBe(302);
    expect(await row(id)).toMatchObject({ status: "submitted", finalised_by: "learner" });
  });

  it("deadline: the page's time-triggered submit once the deadline has passed (within the grace) is the deadline's, at the deadline", async () => {
    const { learner, id } = await sitting();
    const deadline = Date.now() - 1_000;
    await setDeadline(id, deadline);
    const res = await submit(learner, id, "time");
    expect(res.status).toBe(302);
    expect(await row(id)).toEqual({ status: "submitted", deadline, submitted_at: deadline, finalised_by: "deadline" });
  });

  it("deadline: the next request after the deadline and its grace finalises it (even one saying 交卷)", async () => {
    const { learner, id } = await sitting();
    const deadline = Date.now() - SAVE_GRACE_MS - 1_000;
    await setDeadline(id, deadline);
    // The sweep (every 5 s) may get there first; whichever does, it is never the learner's.
    const res = await submit(learner, id, "learner");
    expect(res.status).toBe(302);
    const r = await row(id);
    expect(r).toMatchObject({ status: "submitted", submitted_at: deadline });
    expect(["deadline", "sweep"]).toContain(r.finalised_by);
  });

  it("sweep: an attempt nobody touches after its deadline is finalised by the server's sweep", async () => {
    const { id } = await sitting();
    const deadline = Date.now() - SAVE_GRACE_MS - 1_000;
    await setDeadline(id, deadline);
    await expect.poll(() => row(id).then((r) => r.status), { timeout: 15_000, interval: 200 }).toBe("submitted");
    expect(await row(id)).toMatchObject({ finalised_by: "sweep", submitted_at: deadline });
  });

  it("the trainer's attempts list says who finalised each one", async () => {
    const html = await (await trainer.get(`/trainer/exams/${examId}/attempts`)).text();
    const labels = [...html.matchAll(/data-testid="finalised-by" data-by="(\w*)">([^<]*)</g)].map((m) => [m[1], m[2].trim()] as const);
    const by = new Map(labels);
    expect(by.get("learner")).toBe("学员交卷");
    expect(by.get("deadline")).toBe("到时自动交卷");
    expect(by.get("sweep")).toBe("到时自动交卷（系统）");
    expect(by.get("")).toBe("—"); // the attempt still in progress
  });
});
