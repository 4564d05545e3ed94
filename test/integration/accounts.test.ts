/**
 * Accounts over real HTTP against the built server: changing one's own password, the must-change
 * redirect after an admin sets a password, the admin's user list (edit, disable/enable, search, paging,
 * audit), who may do it, and the staff import's preview → confirm.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import { row } from "@db/client";
import { auditLog, users } from "@db/schema";
import { insertUser } from "@db/queries/users";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let admin: Browserish;

beforeAll(async () => {
  server = await startServer();
  await createUser(server.db, { employeeNo: "ADM1", role: "admin", password: "admin-pass-1" });
  await createUser(server.db, { employeeNo: "TRN1", role: "trainer", password: "trainer-pass-1" });
  await createUser(server.db, { employeeNo: "LRN1", role: "learner", password: "learner-pass-1" });
  admin = new Browserish(server.url);
  await admin.login("ADM1", "admin-pass-1");
});
afterAll(() => server?.stop());

// Through the schema's builders, so flags read as booleans and audit details as objects on either engine.
const userRow = async (no: string) =>
  (
    await server.db
      .select({
        id: users.id,
        name: users.name,
        role: users.role,
        team: users.team,
        disabled_at: users.disabledAt,
        must_change_password: users.mustChangePassword,
        password_hash: users.passwordHash,
      })
      .from(users)
      .where(eq(users.employeeNo, no))
  )[0];
const userCount = async () => Number((await row<{ n: number }>(server.db, sql`select count(*) as n from users`))!.n);
const auditOf = async (action: string) =>
  (await server.db.select({ actor: auditLog.actorId, detail: auditLog.detail }).from(auditLog).where(eq(auditLog.action, action)).orderBy(asc(auditLog.id))).map(
    (r) => ({ actor: r.actor, detail: r.detail ?? {} }),
  );
const idOf = async (no: string) => String((await userRow(no))!.id);

async function signedIn(no: string, password: string) {
  const b = new Browserish(server.url);
  await b.login(no, password);
  return b;
}

describe("changing one's own password", () => {
  it("refuses a wrong current password, a mismatch and a weak password, saying why, and changes nothing", async () => {
    await createUser(server.db, { employeeNo: "PW01", password: "first-pass-1" });
    const b = await signedIn("PW01", "first-pass-1");
    const page = await b.get("/account/password");
    expect(page.status).toBe(200);
    const html = await page.text();
    // The rules are stated on the page.
    for (const rule of ["长度为 8 至 128 个字符", "至少包含以下 2 类字符", "不能包含你的工号", "不能是常见密码"]) expect(html).toContain(rule);
    const hash = (await userRow("PW01"))!.password_hash;

    const wrong = await b.post("/account/password", { current: "not-my-pass-1", next: "second-pass-2", confirm: "second-pass-2" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("当前密码不正确");

    const mismatch = await b.post("/account/password", { current: "first-pass-1", next: "second-pass-2", confirm: "second-pass-3" });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain("两次输入的新密码不一致");

    const weak = await b.post("/account/password", { current: "first-pass-1", next: "abcdefghij", confirm: "abcdefghij" });
    expect(weak.status).toBe(400);
    const weakHtml = await weak.text();
    expect(weakHtml).toContain("新密码不符合以下规则");
    expect(weakHtml).toContain("至少包含以下 2 类字符");

    const withNo = await b.post("/account/password", { current: "first-pass-1", next: "pw01-secret", confirm: "pw01-secret" });
    expect(withNo.status).toBe(400);
    expect(await withNo.text()).toContain("不能包含你的工号");

    const short = await b.post("/account/password", { current: "first-pass-1", next: "a-1", confirm: "a-1" });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("长度为 8 至 128 个字符");

    const same = await b.post("/account/password", { current: "first-pass-1", next: "first-pass-1", confirm: "first-pass-1" });
    expect(same.status).toBe(400);
    expect(await same.text()).toContain("新密码不能与当前密码相同");

    expect((await userRow("PW01"))!.password_hash).toBe(hash);
    expect((await auditOf("user.changePassword"))).toHaveLength(0);
  });

  it("in English, the errors are English", async () => {
    await createUser(server.db, { employeeNo: "PW02", password: "first-pass-1" });
    const b = await signedIn("PW02", "first-pass-1");
    b.cookies.set("lang", Buffer.from(JSON.stringify("en")).toString("base64"));
    const res = await b.post("/account/password", { current: "first-pass-1", next: "abcdefghij", confirm: "abcdefghik" });
    const html = await res.text();
    expect(html).toContain("The two new passwords do not match");
    expect(html).toContain("at least 2 kinds of character");
  });

  it("succeeds with the right current password, keeps this session and signs out every other", async () => {
    await createUser(server.db, { employeeNo: "PW03", password: "first-pass-1" });
    const here = await signedIn("PW03", "first-pass-1");
    const phone = await signedIn("PW03", "first-pass-1");
    expect((await phone.get("/dashboard")).status).toBe(200);

    const res = await here.post("/account/password", { current: "first-pass-1", next: "Second-pass-2", confirm: "Second-pass-2" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/account/password?changed=1");
    expect(await (await here.get("/account/password?changed=1")).text()).toContain("密码已修改");

    expect((await here.get("/dashboard")).status).toBe(200);
    const other = await phone.get("/dashboard");
    expect(other.status).toBe(302);
    expect(other.headers.get("Location")).toMatch(/^\/login/);

    expect((await new Browserish(server.url).post("/login", { employeeNo: "PW03", password: "first-pass-1" })).status).toBe(401);
    await signedIn("PW03", "Second-pass-2");
    const pw03 = (await userRow("PW03"))!.id;
    expect((await auditOf("user.changePassword")).some((a) => a.detail.userId === pw03)).toBe(true);
  });

  it("is only for the signed-in user", async () => {
    const anon = await new Browserish(server.url).post("/account/password", { current: "x", next: "Second-pass-2", confirm: "Second-pass-2" });
    expect(anon.status).toBe(302);
    expect(anon.headers.get("Location")).toMatch(/^\/login/);
  });
});

describe("a password set by an admin must be changed at the next sign-in", () => {
  it("after a reset, every page but the change page and sign-out sends the user to change it, then back", async () => {
    await createUser(server.db, { employeeNo: "MC01", password: "first-pass-1" });
    expect((await userRow("MC01"))!.must_change_password).toBe(false);
    const html = await (await admin.post("/admin/users", { intent: "reset", userId: (await idOf("MC01")) })).text();
    const given = /data-testid="new-password">([^<]+)</.exec(html)?.[1];
    expect(given).toBeTruthy();
    expect((await userRow("MC01"))!.must_change_password).toBe(true);

    const b = await signedIn("MC01", given!);
    for (const path of ["/dashboard", "/modules", "/exams", "/practice", "/assignments", "/search?q=%E6%8A%95%E8%AF%89"]) {
      const res = await b.get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("Location"), path).toBe(`/account/password?redirectTo=${encodeURIComponent(path)}`);
    }
    const page = await b.get("/account/password?redirectTo=%2Fmodules");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("你的密码是管理员设置的");
    // Static files are served.
    expect((await b.get("/favicon.ico")).status).not.toBe(302);

    const done = await b.post("/account/password", { current: given!, next: "My-own-pass-9", confirm: "My-own-pass-9", redirectTo: "/modules" });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/modules");
    expect((await b.get("/modules")).status).toBe(200);
    expect((await userRow("MC01"))!.must_change_password).toBe(false);
  });

  it("sign-out still works while the change is required", async () => {
    const res = await admin.post("/admin/users", { intent: "create", employeeNo: "MC02", name: "新同事", role: "learner", team: "一班", password: "Given-pass-1" });
    expect(res.status).toBe(200);
    expect((await userRow("MC02"))!.must_change_password).toBe(true);
    const b = await signedIn("MC02", "Given-pass-1");
    expect((await b.get("/dashboard")).headers.get("Location")).toMatch(/^\/account\/password/);
    const out = await b.post("/logout", {});
    expect(out.status).toBe(302);
    expect(out.headers.get("Location")).toBe("/login");
    expect((await b.get("/account/password")).headers.get("Location")).toMatch(/^\/login/);
  });

  it("an admin-typed initial password must follow the rules", async () => {
    const res = await admin.post("/admin/users", { intent: "create", employeeNo: "MC03", name: "弱密码", role: "learner", password: "aaaaaaaaaa" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("至少包含以下 2 类字符");
    expect((await userRow("MC03"))).toBeUndefined();
  });
});

describe("the admin's user list", () => {
  beforeAll(async () => {
    const t = Date.now();
    for (let i = 1; i <= 120; i++) {
      const no = `BULK${String(i).padStart(3, "0")}`;
      await insertUser(server.db, { employeeNo: no, name: i === 77 ? "欧阳锋" : `批量${i}`, role: "learner", team: i % 2 ? "东区营业厅" : "西区呼叫中心" }, t);
    }
  });

  it("pages thousands of users on the server: 50 a page, with the total and page links", async () => {
    const total = (await userCount());
    const first = await (await admin.get("/admin/users")).text();
    expect(first).toContain(`共 ${total} 个账号`);
    expect(first.match(/<tr data-employee-no=/g)).toHaveLength(50);
    const pages = Math.ceil(total / 50);
    expect(first).toContain(`第 1 页，共 ${pages} 页`);
    const last = await (await admin.get(`/admin/users?page=${pages}`)).text();
    expect(last.match(/<tr data-employee-no=/g)).toHaveLength(total - 50 * (pages - 1));
    // Pages do not overlap.
    const second = await (await admin.get("/admin/users?page=2")).text();
    const nos = (h: string) => [...h.matchAll(/<tr data-employee-no="([^"]+)"/g)].map((m) => m[1]);
    expect(nos(first).filter((n) => nos(second).includes(n))).toEqual([]);
  });

  it("searches by name, 工号 (any case) and team, and filters by role and status", async () => {
    const nos = async (q: string) => [...(await (await admin.get(`/admin/users?${q}`)).text()).matchAll(/<tr data-employee-no="([^"]+)"/g)].map((m) => m[1]);
    expect(await nos(`q=${encodeURIComponent("欧阳")}`)).toEqual(["BULK077"]);
    expect(await nos("q=bulk11")).toEqual(["BULK110", "BULK111", "BULK112", "BULK113", "BULK114", "BULK115", "BULK116", "BULK117", "BULK118", "BULK119"]);
    const team = await (await admin.get(`/admin/users?q=${encodeURIComponent("西区")}`)).text();
    expect(team).toContain("共 60 个账号");
    expect(await nos("role=trainer")).toEqual(["TRN1"]);
    expect(await nos("q=100%25")).toEqual([]);
  });

  it("edits name, team and role, audits the change field by field, and validates in the user's language", async () => {
    const res = await admin.post("/admin/users", { intent: "update", userId: (await idOf("BULK001")), name: "张改名", team: "培训组", role: "trainer" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("已保存 BULK001 的修改");
    expect((await userRow("BULK001"))).toMatchObject({ name: "张改名", team: "培训组", role: "trainer" });
    const entry = (await auditOf("user.update")).at(-1)!;
    expect(entry.actor).toBe((await userRow("ADM1"))!.id);
    expect(entry.detail).toMatchObject({ employeeNo: "BULK001", changes: { name: ["批量1", "张改名"], team: ["东区营业厅", "培训组"], role: ["learner", "trainer"] } });

    const edit = await (await admin.get(`/admin/users?edit=${(await idOf("BULK001"))}`)).text();
    expect(edit).toContain("编辑账号 BULK001");
    expect(edit).toContain('value="张改名"');

    const bad = await admin.post("/admin/users", { intent: "update", userId: (await idOf("BULK002")), name: "  ", team: "", role: "boss" });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("请填写姓名");
    expect(badHtml).toContain("请选择角色");
    expect((await userRow("BULK002"))!.name).toBe("批量2");

    const english = new Browserish(server.url);
    english.cookies = new Map(admin.cookies);
    english.cookies.set("lang", Buffer.from(JSON.stringify("en")).toString("base64"));
    expect(await (await english.post("/admin/users", { intent: "update", userId: (await idOf("BULK002")), name: "", role: "learner" })).text()).toContain("Enter a name");
  });

  it("the last active admin keeps the admin role and cannot be disabled", async () => {
    const demote = await admin.post("/admin/users", { intent: "update", userId: (await idOf("ADM1")), name: "管理员", team: "", role: "trainer" });
    expect(demote.status).toBe(400);
    expect(await demote.text()).toContain("ADM1 是最后一个可用的管理员，不能改为其他角色");
    expect((await userRow("ADM1"))!.role).toBe("admin");
    const self = await admin.post("/admin/users", { intent: "disable", userId: (await idOf("ADM1")) });
    expect(self.status).toBe(400);
    expect((await userRow("ADM1"))!.disabled_at).toBeNull();
  });

  it("disables (signing the user out) and enables, with audit rows", async () => {
    await createUser(server.db, { employeeNo: "DIS1", password: "learner-pass-1" });
    const b = await signedIn("DIS1", "learner-pass-1");
    const off = await admin.post("/admin/users", { intent: "disable", userId: (await idOf("DIS1")) });
    expect(off.status).toBe(200);
    expect((await userRow("DIS1"))!.disabled_at).not.toBeNull();
    expect((await b.get("/dashboard")).headers.get("Location")).toMatch(/^\/login/);
    expect(await (await admin.get("/admin/users?status=disabled")).text()).toContain('data-employee-no="DIS1"');
    const on = await admin.post("/admin/users", { intent: "enable", userId: (await idOf("DIS1")) });
    expect(on.status).toBe(200);
    expect((await userRow("DIS1"))!.disabled_at).toBeNull();
    await signedIn("DIS1", "learner-pass-1");
    expect((await auditOf("user.disable")).some((a) => a.detail.employeeNo === "DIS1")).toBe(true);
    expect((await auditOf("user.enable")).some((a) => a.detail.employeeNo === "DIS1")).toBe(true);
  });

  it("learners and trainers get 403 for every page and action of account administration", async () => {
    for (const [no, password] of [
      ["LRN1", "learner-pass-1"],
      ["TRN1", "trainer-pass-1"],
    ]) {
      const b = await signedIn(no, password);
      expect((await b.get("/admin/users")).status, no).toBe(403);
      expect((await b.get("/admin/users?q=BULK")).status, no).toBe(403);
      expect((await b.get("/admin/users/import")).status, no).toBe(403);
      const update = await b.post("/admin/users", { intent: "update", userId: (await idOf("BULK003")), name: "越权", team: "", role: "admin" });
      expect(update.status, no).toBe(403);
      expect((await b.post("/admin/users", { intent: "reset", userId: (await idOf("BULK003")) })).status, no).toBe(403);
      const form = new FormData();
      form.set("file", new Blob([Buffer.from("工号,姓名,角色\nX1,某人,管理员\n")]), "s.csv");
      expect((await b.post("/admin/users/import", form)).status, no).toBe(403);
      expect((await userRow("BULK003"))).toMatchObject({ name: "批量3", role: "learner" });
      expect((await userRow("X1"))).toBeUndefined();
    }
  });
});

describe("staff import: preview, then confirm", () => {
  function upload(b: Browserish, text: string) {
    const form = new FormData();
    form.set("file", new Blob([Buffer.from(text)], { type: "text/csv" }), "名单.csv");
    return b.post("/admin/users/import", form);
  }
  async function preview(b: Browserish, text: string) {
    const res = await upload(b, text);
    expect(res.status).toBe(302);
    const location = res.headers.get("Location")!;
    expect(location).toMatch(/^\/admin\/users\/import\?pending=[0-9a-f]{32}$/);
    const html = await (await b.get(location)).text();
    const pending = location.split("=")[1];
    const fingerprint = /name="fingerprint" value="([0-9a-f]{64})"/.exec(html)?.[1];
    return { html, pending, fingerprint, location };
  }
  const confirm = (b: Browserish, p: { pending: string; fingerprint?: string }) =>
    b.post(`/admin/users/import?pending=${p.pending}`, { intent: "confirm", pending: p.pending, fingerprint: p.fingerprint ?? "" });

  beforeAll(async () => {
    await createUser(server.db, { employeeNo: "IMP1", name: "钱一", role: "learner", team: "一班" });
    await createUser(server.db, { employeeNo: "IMP2", name: "孙二", role: "learner", team: "一班" });
  });

  const CSV = "工号,姓名,角色,班组\nIMP1,钱一,学员,一班\nimp2,孙小二,培训师,\nIMP3,李三,学员,二班\n";

  it("an unconfirmed preview shows new, changed (field by field) and unchanged rows and changes nothing", async () => {
    const before = (await userCount());
    const p = await preview(admin, CSV);
    expect(p.html).toContain("导入预览（尚未做任何更改）");
    expect(p.html).toContain("新建 1 个，更新 1 个，未变化 1 个");
    expect(p.html).toMatch(/data-employee-no="IMP1" data-kind="unchanged"/);
    expect(p.html).toMatch(/data-employee-no="IMP3" data-kind="new"/);
    const changed = /<tr data-employee-no="IMP2" data-kind="changed">([\s\S]*?)<\/tr>/.exec(p.html)?.[1] ?? "";
    expect(changed).toContain("姓名：孙二 → 孙小二");
    expect(changed).toContain("角色：学员 → 培训师");
    expect(changed).toContain("班组：一班 → （空）");
    expect(p.fingerprint).toBeTruthy();
    // Nothing written by the upload or the preview.
    expect((await userCount())).toBe(before);
    expect((await userRow("IMP2"))).toMatchObject({ name: "孙二", role: "learner", team: "一班" });
    expect((await userRow("IMP3"))).toBeUndefined();
    // Discarding forgets the file; confirming it afterwards imports nothing.
    expect((await admin.post(p.location, { intent: "discard", pending: p.pending })).status).toBe(200);
    expect((await confirm(admin, p)).status).toBe(409);
    expect((await userCount())).toBe(before);
  });

  it("confirm applies exactly the preview, all at once; new accounts must change their password", async () => {
    const p = await preview(admin, CSV);
    const res = await confirm(admin, p);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/新建 1 个[,，]更新 1 个[,，]未变化 1 个/);
    expect((await userRow("IMP2"))).toMatchObject({ name: "孙小二", role: "trainer", team: null });
    expect((await userRow("IMP3"))).toMatchObject({ name: "李三", role: "learner", team: "二班", must_change_password: true });
    const password = /IMP3<\/td><td>李三<\/td><td class="font-mono">([A-Za-z0-9]+)</.exec(html)?.[1];
    const b = await signedIn("IMP3", password!);
    expect((await b.get("/dashboard")).headers.get("Location")).toMatch(/^\/account\/password/);
    const entry = (await auditOf("staff.import")).at(-1)!;
    expect(entry.detail).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
    // Confirming twice applies once.
    expect((await confirm(admin, p)).status).toBe(409);
  });

  it("refuses to apply when an account changed after the preview, and writes nothing", async () => {
    const before = (await userCount());
    const p = await preview(admin, "工号,姓名,角色,班组\nIMP1,钱一一,学员,一班\nIMP4,周四,学员,三班\n");
    expect(p.html).toContain("钱一 → 钱一一");
    // Someone edits IMP1 in between.
    await admin.post("/admin/users", { intent: "update", userId: (await idOf("IMP1")), name: "钱一", team: "二班", role: "learner" });
    const res = await confirm(admin, p);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("自预览以来账号已有变化");
    expect((await userRow("IMP4"))).toBeUndefined();
    expect((await userRow("IMP1"))).toMatchObject({ name: "钱一", team: "二班" });
    expect((await userCount())).toBe(before);
    // A forged fingerprint is refused too.
    expect((await confirm(admin, { pending: p.pending, fingerprint: "0".repeat(64) })).status).toBe(409);
    expect((await userRow("IMP4"))).toBeUndefined();
  });

  it("another admin can neither see nor confirm someone else's preview", async () => {
    await createUser(server.db, { employeeNo: "ADM2", role: "admin", password: "admin-pass-2" });
    const other = await signedIn("ADM2", "admin-pass-2");
    const p = await preview(admin, "工号,姓名,角色,班组\nIMP5,吴五,学员,一班\n");
    expect(await (await other.get(p.location)).text()).toContain("这份预览已不存在");
    expect((await confirm(other, p)).status).toBe(409);
    expect((await userRow("IMP5"))).toBeUndefined();
  });

  it("a file with errors names the row and the column, in the user's language, and keeps nothing", async () => {
    const bad = "工号,姓名,角色,班组\nIMP6,郑六,学员,一班\nIMP7,,经理,一班\n";
    const kept = async () => Number((await row<{ n: number }>(server.db, sql`select count(*) as n from pending_imports where format = 'staff-csv'`))!.n);
    const keptBefore = await kept();
    const res = await upload(admin, bad);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("第 3 行，姓名：为空");
    expect(html).toContain("第 3 行，角色：“经理”无效");
    expect(await kept()).toBe(keptBefore);
    expect((await userRow("IMP6"))).toBeUndefined();

    const english = new Browserish(server.url);
    english.cookies = new Map(admin.cookies);
    english.cookies.set("lang", Buffer.from(JSON.stringify("en")).toString("base64"));
    const en = await (await upload(english, bad)).text();
    expect(en).toContain("Row 3, Name: empty");
    expect(en).toContain("Row 3, Role: “经理” is not a role");
  });
});
