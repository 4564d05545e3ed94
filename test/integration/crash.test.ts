import { describe, expect, it } from "vitest";
import { openDatabase } from "@db/client";
import { insertExam } from "@db/queries/exams";
import { Browserish, createUser, startServer } from "../helpers/server";

describe("an acknowledged save", () => {
  it("survives a crash of the server process", async () => {
    const server = await startServer();
    await createUser(server.db, { employeeNo: "K001", password: "learner-pass" });
    const examId = insertExam(
      server.db,
      {
        title: "崩溃测试",
        description: null,
        blueprint: [{ count: 3, points: 1, types: ["true_false"] }],
        timeLimitMinutes: 30,
        passPercent: 60,
        attemptsAllowed: 1,
        opensAt: null,
        closesAt: null,
        shuffleQuestions: false,
        shuffleOptions: false,
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
      Date.now(),
    );
    const b = new Browserish(server.url);
    await b.login("K001", "learner-pass");
    const start = await b.post(`/exams/${examId}`, { intent: "start" });
    const attemptId = /\/attempts\/([^/?]+)/.exec(start.headers.get("location") ?? "")?.[1];
    expect(attemptId).toBeTruthy();
    const save = await b.request(`/attempts/${attemptId}/save`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ intent: "save", position: 1, response: true, seq: 1 }),
    });
    expect(await save.json()).toMatchObject({ ok: true, applied: true });

    // The process dies the moment the reply is out: no shutdown handler, no checkpoint.
    await server.crash();
    server.db.$client.close();
    const after = openDatabase(server.dbPath);
    const row = after.$client.prepare("select response, response_seq as seq from attempt_items where attempt_id = ? and position = 1").get(attemptId) as { response: string; seq: number };
    expect(row).toEqual({ response: "true", seq: 1 });
    after.$client.close();
  });
});
