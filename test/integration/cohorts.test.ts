import iconv from "iconv-lite";
import { exec, row, rows, rows as sqlRows } from "@db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { insertExam } from "@db/queries/exams";
import { attempts } from "@db/schema";
import { dueDateToEpoch, epochToDueDate } from "~/domain/cohort-members";
import { expectForbidden } from "../helpers/pages";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let trainer: Browserish;
let other: Browserish;
let admin: Browserish;
let learner: Browserish;
let cohortId: number;
let examId: number;
const ids: Record<string, number> = {};

const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  server = await startServer();
  for (const [no, role] of [
    ["CT01", "trainer"],
    ["CT02", "trainer"],
    ["CA01", "admin"],
    ["CL01", "learner"],
    ["CL02", "learner"],
    ["CL03", "learner"],
    ["CL04", "learner"],
    ["CL05", "learner"],
  ] as const) {
    ids[no] = (await createUser(server.db, { employeeNo: no, role, password: "pass-12345", team: "新员工一班" })).id;
  }
  examId = await insertExam(
    server.db,
    {
      title: "客服基础认证",
      description: null,
      blueprint: [{ count: 1, points: 1 }],
      timeLimitMinutes: 30,
      passPercent: 60,
      attemptsAllowed: 3,
      opensAt: null,
      closesAt: null,
      shuffleQuestions: true,
      shuffleOptions: true,
      multipleScoring: "all-or-nothing",
      reviewMode: "score",
      reviewFrom: null,
      certificateName: null,
      certificateValidityMonths: null,
      audience: "cohorts",
      status: "published",
      createdBy: null,
    },
    [],
    Date.now(),
  );
  trainer = new Browserish(server.url);
  other = new Browserish(server.url);
  admin = new Browserish(server.url);
  learner = new Browserish(server.url);
  await Promise.all([trainer.login("CT01", "pass-12345"), other.login("CT02", "pass-12345"), admin.login("CA01", "pass-12345"), learner.login("CL01", "pass-12345")]);
});
afterAll(() => server?.stop());

const page = () => `/trainer/cohorts/${cohortId}`;
const memberNos = async () =>
  (await rows<{ employee_no: string }>(server.db, sql`select u.employee_no from cohort_members m join users u on u.id = m.user_id where m.cohort_id = ${cohortId} order by 1`))
    .map((r) => r.employee_no);
const uploadCsv = (b: Browserish, bytes: Uint8Array, path = page()) => {
  const form = new FormData();
  form.set("intent", "addCsv");
  form.set("file", new Blob([Buffer.from(bytes)], { type: "text/csv" }), "members.csv");
  return b.post(path, form);
};
/** Beijing calendar day `days` from now, as a date input would send it. */
const dayFromNow = (days: number) => epochToDueDate(Date.now() + days * DAY);
const noStack = (html: string) => expect(html).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);

/*
 * Every test must pass when run alone (`-t`). The tests below still read as one story, but each one
 * gets the state it needs from these memoised helpers: when the earlier tests have run they find that
 * state already there and do nothing; when a test runs alone they build it through the same HTTP actions.
 */
let cohortPromise: Promise<number> | undefined;
/** The trainer's cohort “2026年11月新员工班”, created once (by the first test or, alone, here). */
const ensureCohort = async () => {
  if (cohortId !== undefined) return cohortId;
  cohortPromise ??= (async () => {
    const res = await trainer.post("/trainer/cohorts", { intent: "create", name: "2026年11月新员工班", description: "" });
    expect(res.status).toBe(302);
    const m = /^\/trainer\/cohorts\/(\d+)\?created=1$/.exec(res.headers.get("Location") ?? "");
    expect(m).toBeTruthy();
    cohortId = Number(m![1]);
    return cohortId;
  })();
  return cohortPromise;
};
/** Adds whichever of `nos` are not yet members (a no-op when the earlier tests already added them). */
const ensureMembers = async (...nos: string[]) => {
  await ensureCohort();
  const current = await memberNos();
  const missing = nos.filter((no) => !current.includes(no));
  if (missing.length === 0) return;
  const res = await trainer.post(page(), { intent: "addPasted", text: missing.join("\n") });
  expect(res.status).toBe(200);
  expect(await memberNos()).toEqual(expect.arrayContaining(nos));
};
/** The three assignments made by "assigns a module and an exam with due dates", if that test has not run. */
const ensureAssigned = async () => {
  await ensureCohort();
  const n = (await row<{ n: number }>(server.db,
    sql`select count(*) as n from cohort_assignments where cohort_id = ${cohortId} and (module_slug in ('sla', 'complaints') or exam_id = ${examId})`,
  ))!.n;
  if (n > 0) return;
  for (const [item, dueDate] of [
    ["module:sla", dayFromNow(1)],
    [`exam:${examId}`, dayFromNow(30)],
    ["module:complaints", dayFromNow(30)],
  ]) {
    expect((await trainer.post(page(), { intent: "assign", item, dueDate })).status).toBe(200);
  }
};
/** The overdue "telephone" assignment inserted by the /assignments test, if that test has not run. */
const ensureTelephoneAssigned = async () => {
  await ensureCohort();
  const assigned = await row(server.db, sql`select id from cohort_assignments where cohort_id = ${cohortId} and module_slug = 'telephone'`);
  if (assigned) return;
  await exec(server.db,
    sql`insert into cohort_assignments (cohort_id, kind, module_slug, due_at, created_at) values (${cohortId}, 'module', 'telephone', ${Date.now() - 2 * DAY}, ${Date.now()})`,
  );
};

describe("cohorts: creating and membership", () => {
  it("a trainer creates a cohort and becomes responsible for it; a blank name is refused next to the field", async () => {
    const bad = await trainer.post("/trainer/cohorts", { intent: "create", name: "  ", description: "十一月入职" });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('id="cohort-name-error"');
    expect(badHtml).toContain("请填写班级名称");
    expect(badHtml).toMatch(/name="description"[^>]*value="十一月入职"/);

    const res = await trainer.post("/trainer/cohorts", { intent: "create", name: "2026年11月新员工班", description: "" });
    expect(res.status).toBe(302);
    const m = /^\/trainer\/cohorts\/(\d+)\?created=1$/.exec(res.headers.get("Location") ?? "");
    expect(m).toBeTruthy();
    cohortId = Number(m![1]);
    expect(await rows(server.db, sql`select user_id from cohort_trainers where cohort_id = ${cohortId}`)).toEqual([{ user_id: ids.CT01 }]);
    const html = await (await trainer.get(`${page()}?created=1`)).text();
    // The name is content, marked lang="zh-CN" inside the message.
    expect(html).toContain(`已创建班级“<span lang="zh-CN">2026年11月新员工班</span>”`);
    const list = await (await trainer.get("/trainer/cohorts")).text();
    expect(list).toMatch(new RegExp(`data-cohort-id="${cohortId}"[\\s\\S]*?>2026年11月新员工班</a>`));
  });

  it("adds members by pasting 工号 with mixed separators", async () => {
    await ensureCohort();
    const res = await trainer.post(page(), { intent: "addPasted", text: "CL01、CL02\n" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("已添加 2 名成员；0 名原本就在班里");
    expect(await memberNos()).toEqual(["CL01", "CL02"]);
  });

  it("adds members from a GBK CSV as Excel saves it", async () => {
    await ensureMembers("CL01", "CL02");
    const res = await uploadCsv(trainer, iconv.encode("工号,姓名,班组\r\nCL03,王五,新员工一班\r\nCL01,陈一,新员工一班\r\n", "gbk"));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("已添加 1 名成员；1 名原本就在班里");
    expect(html).toContain("文件编码：GBK");
    expect(await memberNos()).toEqual(["CL01", "CL02", "CL03"]);
  });

  it("a paste or a file with an unknown 工号 adds nothing and lists every bad line", async () => {
    await ensureMembers("CL01", "CL02", "CL03");
    const paste = await trainer.post(page(), { intent: "addPasted", text: "CL04\nNOPE1\nCT02\nbad#no CL05\nNOPE2" });
    expect(paste.status).toBe(400);
    const html = await paste.text();
    expect(html).toContain("有 4 处错误，没有添加任何成员");
    expect(html).toContain("第 2 行：工号 NOPE1 不存在");
    expect(html).toContain("第 3 行：工号 CT02 不是学员账号");
    expect(html).toContain("第 4 行：工号“bad#no”格式无效");
    expect(html).toContain("第 5 行：工号 NOPE2 不存在");
    // What was typed stays in the box.
    expect(html).toMatch(/<textarea[^>]*name="text"[^>]*>CL04\nNOPE1/);
    expect(await memberNos()).toEqual(["CL01", "CL02", "CL03"]);

    const file = await uploadCsv(trainer, iconv.encode("工号,姓名\r\nCL04,赵四\r\nNOPE3,某人\r\n,空\r\n", "gbk"));
    expect(file.status).toBe(400);
    const fileHtml = await file.text();
    expect(fileHtml).toContain("有 2 处错误，没有添加任何成员");
    expect(fileHtml).toContain("第 3 行：工号 NOPE3 不存在");
    expect(fileHtml).toContain("第 4 行：工号为空");
    expect(await memberNos()).toEqual(["CL01", "CL02", "CL03"]);
  });

  it("re-adding members already in the cohort changes nothing", async () => {
    await ensureMembers("CL01", "CL02", "CL03");
    const before = await rows(server.db, sql`select user_id, added_at from cohort_members where cohort_id = ${cohortId} order by user_id`);
    const res = await trainer.post(page(), { intent: "addPasted", text: "CL01 CL02,CL03" });
    expect(await res.text()).toContain("已添加 0 名成员；3 名原本就在班里");
    const file = await uploadCsv(trainer, new TextEncoder().encode("\ufeff工号\nCL01\n"));
    expect(await file.text()).toContain("已添加 0 名成员；1 名原本就在班里");
    expect(await rows(server.db, sql`select user_id, added_at from cohort_members where cohort_id = ${cohortId} order by user_id`)).toEqual(before);
  });

  it("picks learners from a searchable list of those not yet members", async () => {
    await ensureMembers("CL01", "CL02", "CL03");
    const html = await (await trainer.get(`${page()}?pick=CL0`)).text();
    const candidates = /data-testid="candidates"[\s\S]*?<\/ul>/.exec(html)![0];
    expect(candidates).toContain("CL04");
    expect(candidates).toContain("CL05");
    expect(candidates).not.toContain("CL01");
    expect(candidates).not.toContain("CT02");
    const none = await trainer.post(page(), { intent: "addPicked" });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("请至少勾选一名学员");
    const notLearner = await trainer.request(page(), {
      method: "POST",
      body: new URLSearchParams([["intent", "addPicked"], ["userId", String(ids.CL04)], ["userId", String(ids.CT02)]]),
    });
    expect(notLearner.status).toBe(400);
    expect(await memberNos()).not.toContain("CL04");
    const form = new URLSearchParams([["intent", "addPicked"], ["userId", String(ids.CL04)], ["userId", String(ids.CL05)]]);
    const res = await trainer.request(page(), { method: "POST", body: form });
    expect(await res.text()).toContain("已添加 2 名成员");
    expect(await memberNos()).toEqual(["CL01", "CL02", "CL03", "CL04", "CL05"]);
  });

  it("removes a member", async () => {
    await ensureMembers("CL01", "CL02", "CL03", "CL04", "CL05");
    const res = await trainer.post(page(), { intent: "removeMember", userId: String(ids.CL05) });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("已将 CL05 移出班级");
    expect(await memberNos()).toEqual(["CL01", "CL02", "CL03", "CL04"]);
    const again = await trainer.post(page(), { intent: "removeMember", userId: String(ids.CL05) });
    expect(again.status).toBe(404);
  });

  it("refuses an oversized upload and an unknown intent without changing anything", async () => {
    await ensureMembers("CL01", "CL02", "CL03", "CL04");
    const big = await uploadCsv(trainer, new Uint8Array(2 * 1024 * 1024 + 10).fill(0x41));
    expect(big.status).toBe(413);
    const html = await big.text();
    expect(html).toContain("文件太大：最大 2 MB");
    noStack(html);
    const unknown = await trainer.post(page(), { intent: "dropTable" });
    expect(unknown.status).toBe(400);
    noStack(await unknown.text());
    expect(await memberNos()).toEqual(["CL01", "CL02", "CL03", "CL04"]);
  });
});

describe("cohorts: assignments", () => {
  it("assigns a module and an exam with due dates (end of the day, Beijing time)", async () => {
    await ensureCohort();
    const soon = dayFromNow(1);
    const later = dayFromNow(30);
    const bad = await trainer.post(page(), { intent: "assign", item: "module:sla", dueDate: "2026-02-30" });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('id="assign-due-error"');
    expect(badHtml).toContain("截止日期无效");
    const unknown = await trainer.post(page(), { intent: "assign", item: "module:no-such-module", dueDate: "" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("请选择要布置的课程模块或考试");

    const r1 = await trainer.post(page(), { intent: "assign", item: "module:sla", dueDate: soon });
    expect(r1.status).toBe(200);
    expect(await r1.text()).toContain("已布置：服务时限与质量指标");
    const r2 = await trainer.post(page(), { intent: "assign", item: `exam:${examId}`, dueDate: later });
    expect(r2.status).toBe(200);
    const r3 = await trainer.post(page(), { intent: "assign", item: "module:complaints", dueDate: "" });
    expect(r3.status).toBe(200);
    const rows = await sqlRows<{ kind: string; module_slug: string | null; exam_id: number | null; due_at: number | null }>(server.db,
      sql`select kind, module_slug, exam_id, due_at from cohort_assignments where cohort_id = ${cohortId} order by id`,
    );
    expect(rows).toEqual([
      { kind: "module", module_slug: "sla", exam_id: null, due_at: dueDateToEpoch(soon) },
      { kind: "exam", module_slug: null, exam_id: examId, due_at: dueDateToEpoch(later) },
      { kind: "module", module_slug: "complaints", exam_id: null, due_at: null },
    ]);
    expect(new Date(rows[0].due_at!).toISOString()).toMatch(/T15:59:59\.999Z$/);
    // The exam is restricted to chosen cohorts: assigning it opens it to this cohort.
    expect(await sqlRows(server.db, sql`select cohort_id from exam_cohorts where exam_id = ${examId}`)).toEqual([{ cohort_id: cohortId }]);
    // Assigning the same thing again updates its due date instead of adding a row.
    await trainer.post(page(), { intent: "assign", item: "module:complaints", dueDate: later });
    expect((await row<{ n: number }>(server.db, sql`select count(*) as n from cohort_assignments where cohort_id = ${cohortId}`))!.n).toBe(3);
    expect((await row<{ d: number }>(server.db, sql`select due_at as d from cohort_assignments where cohort_id = ${cohortId} and module_slug = 'complaints'`))!.d).toBe(
      dueDateToEpoch(later),
    );
    const html = await (await trainer.get(page())).text();
    expect(html).toContain(soon);
    expect(html).toContain("客服基础认证");
  });

  it("the learner sees them on /assignments with the right states", async () => {
    await ensureMembers("CL01", "CL02");
    await ensureAssigned();
    // An overdue one, inserted with a past due time; and one module the learner has completed.
    await exec(server.db,
      sql`insert into cohort_assignments (cohort_id, kind, module_slug, due_at, created_at) values (${cohortId}, 'module', 'telephone', ${Date.now() - 2 * DAY}, ${Date.now()})`,
    );
    await exec(server.db,
      sql`insert into cohort_assignments (cohort_id, kind, module_slug, due_at, created_at) values (${cohortId}, 'module', 'business-hall', ${Date.now() - 2 * DAY}, ${Date.now()})`,
    );
    await exec(server.db,
      sql`insert into module_progress (user_id, module_slug, sections_reached, completed_at, updated_at) values (${ids.CL01}, 'business-hall', '[]', ${Date.now()}, ${Date.now()})`,
    );
    const res = await learner.get("/assignments");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("班级：2026年11月新员工班");
    const state = (key: string) => new RegExp(`data-assignment="${key}" data-state="(\\w+)"`).exec(html)?.[1];
    expect(state("module:sla")).toBe("dueSoon");
    expect(state(`exam:${examId}`)).toBe("open");
    expect(state("module:complaints")).toBe("open");
    expect(state("module:telephone")).toBe("overdue");
    expect(state("module:business-hall")).toBe("done");
    expect(html).toContain("即将到期");
    expect(html).toContain("已逾期");
    expect(html).toContain("已完成");
    expect(html).toContain("未完成");
    expect(html).toContain('href="/modules/sla"');
    expect(html).toContain(`href="/exams/${examId}"`);
    expect(html).toContain("共 5 项：已完成 1 项，已逾期 1 项，即将到期 1 项");

    // Passing the exam completes that assignment; another learner sees only their own state.
    await server.db
      .insert(attempts)
      .values({
        id: "cohort-test-attempt",
        examId,
        userId: ids.CL01,
        attemptNo: 1,
        seed: "s",
        status: "submitted",
        startedAt: Date.now() - 60_000,
        deadline: Date.now() + 60_000,
        submittedAt: Date.now(),
        maxScoreMilli: 1000,
        scoreMilli: 1000,
        percentBp: 10000,
        passed: true,
        multipleScoring: "all-or-nothing",
      });
    const after = await (await learner.get("/assignments")).text();
    expect(new RegExp(`data-assignment="exam:${examId}" data-state="done"`).test(after)).toBe(true);
    const second = new Browserish(server.url);
    await second.login("CL02", "pass-12345");
    const theirs = await (await second.get("/assignments")).text();
    expect(new RegExp(`data-assignment="exam:${examId}" data-state="open"`).test(theirs)).toBe(true);
    expect(/data-assignment="module:business-hall" data-state="overdue"/.test(theirs)).toBe(true);
  });

  it("unassigns, and a learner outside every cohort has nothing assigned", async () => {
    await ensureMembers("CL01");
    await ensureTelephoneAssigned();
    const id = (await row<{ id: number }>(server.db, sql`select id from cohort_assignments where cohort_id = ${cohortId} and module_slug = 'telephone'`))!.id;
    const res = await trainer.post(page(), { intent: "unassign", assignmentId: String(id) });
    expect(res.status).toBe(200);
    expect(await (await learner.get("/assignments")).text()).not.toContain('data-assignment="module:telephone"');
    const outsider = new Browserish(server.url);
    await outsider.login("CL05", "pass-12345");
    expect(await (await outsider.get("/assignments")).text()).toContain("你目前没有学习任务");
  });
});

describe("cohorts: who may see what", () => {
  it("a second trainer neither sees nor opens nor changes the first trainer's cohort", async () => {
    await ensureCohort();
    const list = await (await other.get("/trainer/cohorts")).text();
    expect(list).not.toContain(`data-cohort-id="${cohortId}"`);
    expect(list).toContain('data-testid="no-cohorts"');
    const open = await other.get(page());
    expect(open.status).toBe(404);
    noStack(await open.text());
    const before = await memberNos();
    for (const fields of [
      { intent: "addPasted", text: "CL05" },
      { intent: "removeMember", userId: String(ids.CL01) },
      { intent: "rename", name: "改名", description: "" },
      { intent: "assign", item: "module:sla", dueDate: "" },
    ] as Record<string, string>[]) {
      const res = await other.post(page(), fields);
      expect(res.status, fields.intent).toBe(404);
    }
    expect((await uploadCsv(other, new TextEncoder().encode("工号\nCL05\n"))).status).toBe(404);
    expect(await memberNos()).toEqual(before);
    expect((await row<{ name: string }>(server.db, sql`select name from cohorts where id = ${cohortId}`))!.name).toBe("2026年11月新员工班");
    // Only admins add trainers.
    expect((await trainer.post(page(), { intent: "addTrainer", employeeNo: "CT02" })).status).toBe(403);
  });

  it("an admin sees every cohort and can make another trainer responsible", async () => {
    await ensureCohort();
    expect(await (await admin.get("/trainer/cohorts")).text()).toContain(`data-cohort-id="${cohortId}"`);
    const notTrainer = await admin.post(page(), { intent: "addTrainer", employeeNo: "CL01" });
    expect(notTrainer.status).toBe(400);
    expect(await notTrainer.text()).toContain("工号 CL01 不是培训师账号");
    const missing = await admin.post(page(), { intent: "addTrainer", employeeNo: "NOBODY" });
    expect(await missing.text()).toContain("工号 NOBODY 不存在");
    const res = await admin.post(page(), { intent: "addTrainer", employeeNo: "CT02" });
    expect(await res.text()).toContain("已添加负责培训师 CT02");
    expect((await other.get(page())).status).toBe(200);
    await admin.post(page(), { intent: "removeTrainer", userId: String(ids.CT02) });
    expect((await other.get(page())).status).toBe(404);
  });

  it("a learner gets 403 on every /trainer/cohorts page and post", async () => {
    await ensureCohort();
    for (const path of ["/trainer/cohorts", page(), "/trainer/cohorts/999999"]) {
      await expectForbidden(await learner.get(path), path);
    }
    await expectForbidden(await learner.post("/trainer/cohorts", { intent: "create", name: "偷建" }), "POST /trainer/cohorts");
    await expectForbidden(await learner.post(page(), { intent: "addPasted", text: "CL05" }), `POST ${page()}`);
    expect((await row<{ n: number }>(server.db, sql`select count(*) as n from cohorts`))!.n).toBe(1);
  });

  it("archiving hides the cohort's assignments from its learners", async () => {
    await ensureMembers("CL01");
    await ensureAssigned();
    expect(await (await learner.get("/assignments")).text()).toContain("班级：2026年11月新员工班");
    await trainer.post(page(), { intent: "archive" });
    expect(await (await learner.get("/assignments")).text()).toContain("你目前没有学习任务");
    await trainer.post(page(), { intent: "unarchive" });
    expect(await (await learner.get("/assignments")).text()).toContain("班级：2026年11月新员工班");
  });
});
