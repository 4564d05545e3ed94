/**
 * The trainer's question bank pages through the built server: who may use them, the authoring form's
 * field-level validation, versions on edit, generated questions, publish/retire, upload → preview →
 * confirm imports (all or nothing, owner only) and the export files.
 */
import { exec, row } from "@db/client";
import { and, eq, sql } from "drizzle-orm";
import { questions, questionVersions } from "@db/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectForbidden, expectSignIn } from "../helpers/pages";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let trainer: Browserish;
let trainer2: Browserish;
let learner: Browserish;

beforeAll(async () => {
  server = await startServer();
  await createUser(server.db, { employeeNo: "T001", name: "王培训", role: "trainer", password: "trainer-pass-1" });
  await createUser(server.db, { employeeNo: "T002", name: "李培训", role: "trainer", password: "trainer-pass-2" });
  await createUser(server.db, { employeeNo: "L001", role: "learner", password: "learner-pass-1" });
  trainer = new Browserish(server.url);
  trainer2 = new Browserish(server.url);
  learner = new Browserish(server.url);
  await trainer.login("T001", "trainer-pass-1");
  await trainer2.login("T002", "trainer-pass-2");
  await learner.login("L001", "learner-pass-1");
});
afterAll(() => server?.stop());

const count = async (where = sql`1 = 1`) => (await row<{ n: number }>(server.db, sql`select count(*) as n from questions where ${where}`))!.n;
const questionRow = async (id: string) =>
  await row<{ source: string; status: string; current_version: number; type: string }>(server.db,
    sql`select source, status, current_version, type from questions where id = ${id}`,
  );
/** Through the schema, so `options` and `answer` are the parsed JSON on both engines (text on SQLite, jsonb on PostgreSQL). */
const versionRow = async (id: string, version: number) =>
  (
    await server.db
      .select({ stem: questionVersions.stem, options: questionVersions.options, answer: questionVersions.answer, note: questionVersions.note, created_by: questionVersions.createdBy })
      .from(questionVersions)
      .where(and(eq(questionVersions.questionId, id), eq(questionVersions.version, version)))
  )[0];
/** Imported questions whose tags include `tag` (tags read as a parsed array on both engines). */
const importedTagged = async (tag: string) =>
  (await server.db.select({ tags: questions.tags }).from(questions).where(eq(questions.source, "imported"))).filter((q) => q.tags.includes(tag)).length;
const versionCount = async (id: string) => (await row<{ n: number }>(server.db, sql`select count(*) as n from question_versions where question_id = ${id}`))!.n;
const generatedId = async () => (await row<{ id: string }>(server.db, sql`select id from questions where source = 'generated' and type = 'single' order by id limit 1`))!.id;

function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
}

const SINGLE = {
  intent: "save",
  type: "single",
  stem: "故障受理电话的应答时限是多少?",
  "options.0.text": "15秒",
  "options.1.text": "30秒",
  "options.2.text": "60秒",
  correct: "0",
  explanation: "依据服务时限规定。",
  module: "sla",
  section: "fault-intake",
  tags: "故障受理, 时限",
  facts: "fault_answer_time",
};

async function create(fields: Record<string, string | string[]>): Promise<string> {
  const res = await trainer.post("/trainer/questions/new", form(fields));
  expect(res.status, await res.clone().text()).toBe(302);
  const m = /^\/trainer\/questions\/(q-[0-9a-f]+)\?created=1$/.exec(res.headers.get("Location") ?? "");
  expect(m).not.toBeNull();
  return m![1];
}

function upload(client: Browserish, text: string | Uint8Array, name: string) {
  const f = new FormData();
  f.set("intent", "upload");
  f.set("file", new Blob([typeof text === "string" ? text : Buffer.from(text)]), name);
  return client.post("/trainer/questions/import", f);
}

async function uploadOk(client: Browserish, text: string, name: string): Promise<string> {
  const res = await upload(client, text, name);
  expect(res.status, await res.clone().text()).toBe(302);
  const pending = /\?pending=([0-9a-f]{32})$/.exec(res.headers.get("Location") ?? "")?.[1];
  expect(pending).toBeTruthy();
  return pending!;
}

/** The text of the element with this id (tags stripped). */
function textOf(html: string, id: string): string | undefined {
  const m = new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</`).exec(html);
  return m?.[1].replace(/<[^>]+>/g, "");
}

describe("who may use the question bank", () => {
  it("a learner gets 403 on every page, action, the preview and the export; anonymous is sent to sign in", async () => {
    const gid = await generatedId();
    for (const path of [
      "/trainer/questions",
      "/trainer/questions?status=published",
      "/trainer/questions/new",
      `/trainer/questions/${gid}`,
      `/trainer/questions/${gid}?version=1`,
      "/trainer/questions/import",
      "/trainer/questions/import?pending=0123456789abcdef0123456789abcdef",
      "/trainer/questions/export?format=json",
      "/trainer/questions/export?format=gift",
      "/trainer/questions/preview",
    ]) {
      await expectForbidden(await learner.get(path), path);
    }
    const before = await count();
    for (const [path, fields] of [
      ["/trainer/questions/new", SINGLE],
      [`/trainer/questions/${gid}`, { intent: "retire" }],
      ["/trainer/questions/preview", SINGLE],
      ["/trainer/questions/import", { intent: "confirm", pending: "x" }],
    ] as const) {
      await expectForbidden(await learner.post(path, form(fields)), `POST ${path}`);
    }
    await expectForbidden(await learner.post("/trainer/questions/import", form({ intent: "upload" })), "POST upload");
    expect(await count()).toBe(before);
    expect((await questionRow(gid))!.status).toBe("published");

    const anonymous = new Browserish(server.url);
    expectSignIn(await anonymous.get("/trainer/questions/export?format=json"), "/trainer/questions/export?format=json");
    expectSignIn(await anonymous.get("/trainer/questions?status=published"), "/trainer/questions?status=published");
  });
});

describe("the list", () => {
  it("lists the bank 50 a page with counts, filters and search", async () => {
    const total = await count();
    expect(total).toBeGreaterThan(50);
    const html = await (await trainer.get("/trainer/questions")).text();
    expect(html).toContain(`共 ${total} 道`);
    expect(html).toContain("第 1–50 道");
    expect(html.match(/data-question-id="/g)).toHaveLength(50);
    for (const label of ["新建题目", "导入", "导出 JSON", "导出 GIFT"]) expect(html).toContain(label);
    expect(html).toContain('href="/trainer/questions/export?format=json"');

    const page2 = await (await trainer.get("/trainer/questions?page=2")).text();
    expect(page2).toContain("第 51–");

    const gid = await generatedId();
    const numeric = await count(sql`type = 'numeric' and source = 'generated' and module = 'sla'`);
    const filtered = await (await trainer.get("/trainer/questions?type=numeric&source=generated&module=sla")).text();
    expect(filtered.match(/data-question-id="/g)?.length ?? 0).toBe(Math.min(50, numeric));
    expect(filtered).not.toContain(`data-question-id="${gid}"`);

    const searched = await (await trainer.get(`/trainer/questions?q=${encodeURIComponent(gid)}`)).text();
    expect(searched).toContain(`data-question-id="${gid}"`);
    expect(searched).toContain("共 1 道");
  });
});

describe("creating a question", () => {
  it("single choice with two right options: 400, message at the answer, values kept, nothing saved", async () => {
    const before = await count();
    const res = await trainer.post("/trainer/questions/new", form({ ...SINGLE, stem: "两个正确答案的单选题", correct: ["0", "1"] }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(textOf(html, "q-answer-error")).toBe("单选题必须恰好有一个正确选项");
    expect(html).toContain('data-testid="error-summary"');
    expect(html).toContain("两个正确答案的单选题</textarea>");
    expect(html).toMatch(/id="q-options-2-text"[^>]*value="60秒"/);
    expect(html).toMatch(/<input type="radio" name="correct"[^>]*checked="" value="1"/);
    expect(html).toContain('value="故障受理, 时限"');
    expect(await count()).toBe(before);
  });

  it("duplicate options, numeric without unit, ordering with two steps: each error next to its field", async () => {
    const before = await count();
    const dup = await trainer.post("/trainer/questions/new", form({ ...SINGLE, "options.2.text": "15秒" }));
    expect(dup.status).toBe(400);
    const dupHtml = await dup.text();
    expect(textOf(dupHtml, "q-options-2-text-error")).toBe("选项“15秒”重复");
    expect(dupHtml).toMatch(/id="q-options-2-text"[^>]*aria-invalid="true" aria-describedby="q-options-2-text-error"/);

    const numeric = await trainer.post(
      "/trainer/questions/new",
      form({ intent: "save", type: "numeric", stem: "固定电话故障(公众客户)的最长处理时限是多少?", value: "24", tolerance: "", unit: " " }),
    );
    expect(numeric.status).toBe(400);
    const numericHtml = await numeric.text();
    expect(textOf(numericHtml, "q-unit-error")).toBe("数值题必须填写单位");
    expect(numericHtml).toMatch(/id="q-value"[^>]*value="24"/);

    const ordering = await trainer.post(
      "/trainer/questions/new",
      form({ intent: "save", type: "ordering", stem: "请排列投诉处理步骤", steps: "受理\n\n回访" }),
    );
    expect(ordering.status).toBe(400);
    const orderingHtml = await ordering.text();
    expect(textOf(orderingHtml, "q-steps-error")).toBe("排序题至少 3 个步骤");
    expect(orderingHtml).toMatch(/id="q-steps"[^>]*aria-invalid="true" aria-describedby="q-steps-hint q-steps-error"/);
    expect(orderingHtml).toMatch(/受理\r?\n\r?\n回访<\/textarea>/);

    const badRefs = await trainer.post(
      "/trainer/questions/new",
      form({ ...SINGLE, module: "sla", section: "no-such-anchor", facts: "fault_answer_time, no_such_fact" }),
    );
    expect(badRefs.status).toBe(400);
    const badRefsHtml = await badRefs.text();
    expect(textOf(badRefsHtml, "q-section-error")).toContain("no-such-anchor");
    expect(textOf(badRefsHtml, "q-facts-error")).toContain("no_such_fact");
    expect(await count()).toBe(before);
  });

  it("saves a valid question as a draft (or published), authored, version 1", async () => {
    const id = await create(SINGLE);
    expect(await questionRow(id)).toMatchObject({ source: "authored", status: "draft", current_version: 1, type: "single" });
    const v1 = (await versionRow(id, 1))!;
    expect(v1.options.map((o) => o.text)).toEqual(["15秒", "30秒", "60秒"]);
    expect(v1.answer).toBe(v1.options[0].id);
    const page = await (await trainer.get(`/trainer/questions/${id}?created=1`)).text();
    expect(page).toContain("题目已创建");
    expect(page).toContain("故障受理电话的应答时限是多少?</textarea>");

    const published = await create({ ...SINGLE, intent: "save-publish", stem: "直接发布的题目" });
    expect((await questionRow(published))!.status).toBe("published");

    const others: Record<string, string | string[]>[] = [
      { intent: "save", type: "true_false", stem: "客户来电应在铃响 3 声内接听。", tf: "true" },
      { intent: "save", type: "numeric", stem: "故障受理电话应答时限?", value: "15", tolerance: "0", unit: "秒" },
      { intent: "save", type: "ordering", stem: "排列步骤", steps: "受理\n核实\n处理\n回访" },
      { intent: "save", type: "matching", stem: "配对", pairs: "故障受理 => 15秒\n修复通知 => 30分钟" },
      { intent: "save", type: "multiple", stem: "多选", "options.0.text": "甲", "options.1.text": "乙", "options.2.text": "丙", correct: ["0", "2"] },
    ];
    for (const fields of others) {
      const qid = await create(fields);
      expect((await questionRow(qid))!.type).toBe(fields.type);
    }
  });
});

describe("editing", () => {
  it("editing a published question adds version 2 and leaves version 1 as it was; unchanged content adds nothing", async () => {
    const id = await create({ ...SINGLE, intent: "save-publish", stem: "第一版题干" });
    const v1Before = (await versionRow(id, 1))!;

    const unchanged = await trainer.post(`/trainer/questions/${id}`, form({ ...SINGLE, stem: "第一版题干", baseVersion: "1" }));
    expect(unchanged.status).toBe(200);
    expect(await unchanged.text()).toContain("内容没有变化");
    expect(await versionCount(id)).toBe(1);

    const edited = await trainer.post(`/trainer/questions/${id}`, form({ ...SINGLE, stem: "第二版题干", "options.1.text": "20秒", baseVersion: "1" }));
    expect(edited.status).toBe(200);
    expect(await edited.text()).toContain("已保存为第 2 版");
    expect(await questionRow(id)).toMatchObject({ current_version: 2, status: "published" });
    expect(await versionRow(id, 1)).toEqual(v1Before);
    const v2 = (await versionRow(id, 2))!;
    expect(v2.stem).toBe("第二版题干");
    expect(v2.note).toBe("edit");
    // The untouched options keep their ids, so the right answer is still the same option.
    expect(v2.options[0].id).toBe(v1Before.options[0].id);
    expect(v2.answer).toBe(v1Before.options[0].id);

    const page = await (await trainer.get(`/trainer/questions/${id}`)).text();
    expect(page).toMatch(/data-version="2"[\s\S]*data-version="1"/);
    expect(page).toContain('href="/trainer/questions/' + id + '?version=1"');
    const old = await (await trainer.get(`/trainer/questions/${id}?version=1`)).text();
    expect(old).toContain('data-testid="old-version"');
    expect(old).toContain("第一版题干");
    expect(old).not.toContain('name="stem"');
    expect((await trainer.get(`/trainer/questions/${id}?version=9`)).status).toBe(404);

    // A save based on version 1 after version 2 exists is refused, with the typed values kept.
    const stale = await trainer.post(`/trainer/questions/${id}`, form({ ...SINGLE, stem: "基于旧版本的修改", baseVersion: "1" }));
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("基于旧版本的修改</textarea>");
    expect(await versionCount(id)).toBe(2);

    const invalid = await trainer.post(`/trainer/questions/${id}`, form({ ...SINGLE, stem: "x", baseVersion: "2" }));
    expect(invalid.status).toBe(400);
    expect(textOf(await invalid.text(), "q-stem-error")).toContain("至少 2 个字");
    expect(await versionCount(id)).toBe(2);
  });

  it("two concurrent edits based on the same version: one is saved, the other gets a conflict with its values kept", async () => {
    const id = await create({ ...SINGLE, stem: "并发编辑前的题干" });
    // Both requests are under way (their actions have read the question) before either body is complete,
    // so both pass any check made before the transaction: only the compare-and-set inside it decides.
    const enc = new TextEncoder();
    const slowPost = (client: Browserish, fields: Record<string, string>) => {
      const body = new URLSearchParams(fields).toString();
      let finish!: () => void;
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(enc.encode(body.slice(0, 8)));
          finish = () => {
            c.enqueue(enc.encode(body.slice(8)));
            c.close();
          };
        },
      });
      const response = fetch(`${client.base}/trainer/questions/${id}`, {
        method: "POST",
        body: stream,
        duplex: "half",
        redirect: "manual",
        headers: { Cookie: client.cookieHeader(), Origin: client.base, "Content-Type": "application/x-www-form-urlencoded" },
      } as RequestInit);
      return { response, finish };
    };
    const first = slowPost(trainer, { ...SINGLE, stem: "王老师的修改", baseVersion: "1" });
    const second = slowPost(trainer2, { ...SINGLE, stem: "李老师的修改", baseVersion: "1" });
    // A full round trip through the server: by its answer, both edits have been received and are waiting for their bodies.
    expect((await trainer.get(`/trainer/questions/${id}`)).status).toBe(200);
    first.finish();
    const won = await first.response;
    second.finish();
    const lost = await second.response;

    expect(won.status).toBe(200);
    expect(await won.text()).toContain("已保存为第 2 版");
    expect(lost.status).toBe(409);
    const html = await lost.text();
    expect(html).toContain("这道题在你编辑期间已被修改为第 2 版");
    expect(html).toContain("李老师的修改</textarea>");
    // The form is now based on version 2: saving again is a deliberate overwrite, not another conflict.
    expect(html).toMatch(/name="baseVersion"[^>]*value="2"|value="2"[^>]*name="baseVersion"/);
    expect(await versionCount(id)).toBe(2);
    expect((await questionRow(id))!.current_version).toBe(2);
    expect((await versionRow(id, 2))!.stem).toBe("王老师的修改");

    const again = await trainer2.post(`/trainer/questions/${id}`, form({ ...SINGLE, stem: "李老师的修改", baseVersion: "2" }));
    expect(again.status).toBe(200);
    expect((await versionRow(id, 3))!.stem).toBe("李老师的修改");
  });

  it("shows the item-quality checks on the editor and a count per row in the list", async () => {
    const flawed = await create({
      ...SINGLE,
      stem: "质量检查样题：以下哪一项不正确？",
      "options.0.text": "耐心倾听客户的诉求并记录下来，再逐项核实处理",
      "options.1.text": "挂断",
      "options.2.text": "以上都对",
    });
    const page = await (await trainer.get(`/trainer/questions/${flawed}`)).text();
    expect(page).toContain("质量检查");
    expect(page).toMatch(/正确选项（22 字）远长于其他选项（最长 4 字）/);
    expect(page).toContain("选项“以上都对”属于“以上都……”一类");
    expect(page).toContain("题干问的是否定（“不正确”）");
    const list = await (await trainer.get(`/trainer/questions?q=${encodeURIComponent("质量检查样题")}`)).text();
    const rowHtml = list.slice(list.indexOf(`data-question-id="${flawed}"`));
    expect(rowHtml.slice(0, rowHtml.indexOf("</tr>"))).toContain("3 错 / 1 提醒");

    const clean = await create({ ...SINGLE, stem: "质量检查样题二：故障受理电话的应答时限是多少？" });
    expect(await (await trainer.get(`/trainer/questions/${clean}`)).text()).toContain("未发现问题。");
  });

  it("refuses to edit a generated question, pointing at content/, but may retire and publish it", async () => {
    const gid = await generatedId();
    const versions = await versionCount(gid);
    const page = await (await trainer.get(`/trainer/questions/${gid}`)).text();
    expect(page).toContain("由课件自动生成");
    expect(page).not.toContain('name="stem"');
    const res = await trainer.post(`/trainer/questions/${gid}`, form({ ...SINGLE, baseVersion: "1" }));
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("content/");
    expect(await versionCount(gid)).toBe(versions);

    expect((await trainer.post(`/trainer/questions/${gid}`, form({ intent: "retire" }))).status).toBe(200);
    expect((await questionRow(gid))!.status).toBe("retired");
    expect((await trainer.post(`/trainer/questions/${gid}`, form({ intent: "publish" }))).status).toBe(200);
    expect((await questionRow(gid))!.status).toBe("published");
  });

  it("publishes and retires a draft; unknown intents and questions are refused", async () => {
    const id = await create({ ...SINGLE, stem: "待发布的题目" });
    const published = await trainer.post(`/trainer/questions/${id}`, form({ intent: "publish" }));
    expect(await published.text()).toContain("题目已发布");
    expect((await questionRow(id))!.status).toBe("published");
    await trainer.post(`/trainer/questions/${id}`, form({ intent: "retire" }));
    expect((await questionRow(id))!.status).toBe("retired");
    expect(await versionCount(id)).toBe(1);
    expect((await trainer.post(`/trainer/questions/${id}`, form({ intent: "delete" }))).status).toBe(400);
    expect((await trainer.get("/trainer/questions/no-such-question")).status).toBe(404);
    expect((await trainer.post("/trainer/questions/no-such-question", form({ intent: "publish" }))).status).toBe(404);
  });

  it("the preview endpoint renders what is typed", async () => {
    const res = await trainer.post("/trainer/questions/preview", form({ ...SINGLE, stem: "**加粗**题干", "options.1.text": "*斜体*" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    const body = (await res.json()) as { stem: string; options: { html: string; correct: boolean }[] };
    expect(body.stem).toContain("<strong>加粗</strong>");
    expect(body.options).toEqual([
      { html: "15秒", correct: true },
      { html: "<em>斜体</em>", correct: false },
      { html: "60秒", correct: false },
    ]);
  });
});

describe("importing", () => {
  const BAD_GIFT = "::a::客户来电应在几声内接听?{=3声 ~5声 ~10声}\n\n::essay::请简述故障受理流程。{}\n\n::c::客户来电应在铃响 3 声内接听。{T}\n";
  const GOOD_GIFT = [
    "// [tag:导入测试]",
    "::g1::故障受理电话的应答时限是多少?{=15秒 ~30秒 ~60秒}",
    "",
    "::g2::客户来电应在铃响 3 声内接听。{T}",
    "",
    "::g3::固定电话故障(公众客户)的最长处理时限是多少?(单位:小时){#24}",
    "",
  ].join("\n");

  it("a GIFT file with one bad item: every error with its line, the report, and nothing imported even when confirmed", async () => {
    const before = await count();
    const pending = await uploadOk(trainer, BAD_GIFT, "bad.gift");
    const res = await trainer.get(`/trainer/questions/import?pending=${pending}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("文件有 1 处错误，不能导入");
    expect(html).toContain('data-line="3"');
    expect(html).toContain("第 3 行：论述题（essay）无法存入题库");
    expect(html).toMatch(/data-line="3" data-outcome="rejected"/);
    expect(html).toMatch(/data-line="5" data-outcome="imported"/);
    expect(html).not.toContain('value="confirm"');

    const confirm = await trainer.post(`/trainer/questions/import?pending=${pending}`, form({ intent: "confirm", pending }));
    expect(confirm.status).toBe(400);
    expect(await confirm.text()).toContain("没有导入任何题目");
    expect(await count()).toBe(before);
  });

  it("a good GIFT file: preview counts by type, then confirm imports (and publishes) them; the pending upload is gone", async () => {
    const before = await count(sql`source = 'imported'`);
    const pending = await uploadOk(trainer, `\uFEFF${GOOD_GIFT}`, "good.gift");
    const html = await (await trainer.get(`/trainer/questions/import?pending=${pending}`)).text();
    expect(html).toContain("可导入 3 道题");
    for (const type of ["single", "true_false", "numeric"]) expect(html).toMatch(new RegExp(`data-type="${type}"><td>[^<]+</td><td>1</td>`));
    expect(await count(sql`source = 'imported'`)).toBe(before);

    const res = await trainer.post(`/trainer/questions/import?pending=${pending}`, form({ intent: "confirm", pending, publish: "on" }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/trainer/questions/import?created=3&revised=0&unchanged=0");
    expect(await (await trainer.get(res.headers.get("Location")!)).text()).toContain("新建 3 道");
    expect(await count(sql`source = 'imported' and status = 'published'`)).toBe(before + 3);
    expect(await importedTagged("导入测试")).toBe(1);
    expect((await trainer.get(`/trainer/questions/import?pending=${pending}`)).status).toBe(404);
    const again = await trainer.post(`/trainer/questions/import?pending=${pending}`, form({ intent: "confirm", pending }));
    expect(again.status).toBe(404);
    expect(await count(sql`source = 'imported'`)).toBe(before + 3);
  });

  it("a JSON file: preview, confirm, rows with the file's ids; importing it again changes nothing", async () => {
    const json = JSON.stringify([
      { id: "json-q1", type: "single", stem: "JSON 单选", options: [{ id: "a", text: "甲" }, { id: "b", text: "乙" }], answer: "b", module: "sla", section: "fault-intake", facts: ["fault_answer_time"], tags: ["json"] },
      { id: "json-q2", type: "ordering", stem: "JSON 排序", options: [{ id: "x", text: "二" }, { id: "y", text: "一" }, { id: "z", text: "三" }], answer: ["y", "x", "z"] },
    ]);
    const pending = await uploadOk(trainer, json, "bank.json");
    const html = await (await trainer.get(`/trainer/questions/import?pending=${pending}`)).text();
    expect(html).toContain("文件格式：JSON");
    expect(html).toContain("可导入 2 道题");
    expect(html).toContain("json-q1");
    const res = await trainer.post(`/trainer/questions/import?pending=${pending}`, form({ intent: "confirm", pending }));
    expect(res.status).toBe(302);
    expect(await questionRow("json-q1")).toMatchObject({ source: "imported", status: "draft", type: "single" });
    expect(await questionRow("json-q2")).toMatchObject({ source: "imported", type: "ordering" });

    const pending2 = await uploadOk(trainer, json, "bank.json");
    const res2 = await trainer.post(`/trainer/questions/import?pending=${pending2}`, form({ intent: "confirm", pending: pending2 }));
    expect(res2.headers.get("Location")).toBe("/trainer/questions/import?created=0&revised=0&unchanged=2");

    // An imported question opens in the form, and saving it untouched adds no version.
    const edit = await trainer.post("/trainer/questions/json-q2", form({ intent: "save", type: "ordering", stem: "JSON 排序", steps: "一\n二\n三", baseVersion: "1" }));
    expect(await edit.text()).toContain("内容没有变化");
    expect(await versionCount("json-q2")).toBe(1);
  });

  it("a trainer cannot see, confirm or discard another trainer's pending import", async () => {
    const pending = await uploadOk(trainer, GOOD_GIFT, "mine.gift");
    expect((await trainer2.get(`/trainer/questions/import?pending=${pending}`)).status).toBe(404);
    expect((await trainer2.post(`/trainer/questions/import?pending=${pending}`, form({ intent: "confirm", pending }))).status).toBe(404);
    await trainer2.post("/trainer/questions/import", form({ intent: "discard", pending }));
    expect((await trainer.get(`/trainer/questions/import?pending=${pending}`)).status).toBe(200);
    const discard = await trainer.post(`/trainer/questions/import?pending=${pending}`, form({ intent: "discard", pending }));
    expect(discard.status).toBe(302);
    expect((await trainer.get(`/trainer/questions/import?pending=${pending}`)).status).toBe(404);
  });

  it("refuses a missing, oversized, non-UTF-8 or wrongly named file, storing nothing", async () => {
    const pendingRows = async () => (await row<{ n: number }>(server.db, sql`select count(*) as n from pending_imports`))!.n;
    const before = await pendingRows();
    const none = await trainer.post("/trainer/questions/import", form({ intent: "upload" }));
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("请选择要上传的题目文件");
    const big = await upload(trainer, new Uint8Array(2 * 1024 * 1024 + 10).fill(0x41), "big.gift");
    expect(big.status).toBe(413);
    expect(await big.text()).toContain("文件太大");
    const gbk = await upload(trainer, new Uint8Array([0xb9, 0xca, 0xd5, 0xcf, 0x7b, 0x54, 0x7d]), "gbk.gift");
    expect(gbk.status).toBe(400);
    expect(await gbk.text()).toContain("不是 UTF-8 编码");
    const doc = await upload(trainer, "hello", "questions.docx");
    expect(doc.status).toBe(400);
    expect(await doc.text()).toContain("questions.docx");
    expect(await pendingRows()).toBe(before);
  });

  it("a GIFT file with an essay: listed by line with an offer to skip it; skipping imports the rest, not choosing imports nothing", async () => {
    const before = await count(sql`source = 'imported'`);
    const pending = await uploadOk(trainer, BAD_GIFT, "essay.gift");
    const html = await (await trainer.get(`/trainer/questions/import?pending=${pending}`)).text();
    expect(html).toMatch(/data-line="3" data-outcome="rejected"/);
    expect(html).toContain('data-testid="skip-offer"');
    expect(html).toContain(`?pending=${pending}&amp;skip=1`);
    // Without the choice the confirmation is refused.
    const refused = await trainer.post(`/trainer/questions/import?pending=${pending}`, form({ intent: "confirm", pending }));
    expect(refused.status).toBe(400);
    expect(await count(sql`source = 'imported'`)).toBe(before);
    // With it, the essay is listed as skipped and the other two import.
    const skipped = await (await trainer.get(`/trainer/questions/import?pending=${pending}&skip=1`)).text();
    expect(skipped).toMatch(/data-line="3" data-outcome="skipped"/);
    expect(skipped).toContain("可导入 2 道题");
    expect(skipped).toMatch(/name="skip" value="1"/);
    const res = await trainer.post(`/trainer/questions/import?pending=${pending}`, form({ intent: "confirm", pending, skip: "1" }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/trainer/questions/import?created=2&revised=0&unchanged=0");
    expect(await count(sql`source = 'imported'`)).toBe(before + 2);
  });

  it("an Excel upload that is not a workbook is refused with a clear message and stores nothing", async () => {
    const res = await upload(trainer, "not a zip file", "bank.xlsx");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("不是有效的 .xlsx 文件");
  });
});

describe("exporting", () => {
  it("JSON: an attachment in UTF-8 whose elements follow the contract; a status filter; GIFT too", async () => {
    const res = await trainer.get("/trainer/questions/export?format=json");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="kefu-bank-\d{4}-\d{2}-\d{2}\.json"(;|$)/);
    const rows = (await res.json()) as Record<string, unknown>[];
    expect(rows.length).toBe(await count());
    for (const r of rows) {
      expect(Object.keys(r)).toEqual(["id", "version", "type", "stem", "options", "answer", "explanation", "module", "section", "facts", "tags", "family", "source", "status"]);
    }
    const numeric = rows.find((r) => r.type === "numeric")!;
    expect(Object.keys(numeric.answer as object)).toEqual(["value", "tolerance", "unit"]);
    const edited = rows.find((r) => r.stem === "第二版题干");
    expect(edited).toMatchObject({ version: 2, source: "authored", status: "published" });

    const drafts = (await (await trainer.get("/trainer/questions/export?format=json&status=draft")).json()) as { status: string }[];
    expect(drafts.length).toBe(await count(sql`status = 'draft'`));
    expect(drafts.every((d) => d.status === "draft")).toBe(true);

    const gift = await trainer.get("/trainer/questions/export?format=gift&status=published");
    expect(gift.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(gift.headers.get("Content-Disposition")).toMatch(/filename="kefu-bank-published-[\d-]+\.gift"/);
    expect(await gift.text()).toContain("::");

    expect((await trainer.get("/trainer/questions/export?format=xml")).status).toBe(400);
    expect((await trainer.get("/trainer/questions/export?format=json&status=gone")).status).toBe(400);
  });
});
