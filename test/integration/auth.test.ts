import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exec, row } from "@db/client";
import { sql } from "drizzle-orm";
import { heading } from "../helpers/pages";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
  await createUser(server.db, { employeeNo: "L001", role: "learner", password: "learner-pass" });
  await createUser(server.db, { employeeNo: "T001", role: "trainer", password: "trainer-pass" });
  await createUser(server.db, { employeeNo: "A001", role: "admin", password: "admin-pass-1" });
});
afterAll(() => server?.stop());

const sessionsOf = async (employeeNo: string) =>
  (await row<{ n: number }>(server.db, sql`select count(*) as n from sessions s join users u on u.id = s.user_id where u.employee_no = ${employeeNo}`))!.n;

describe("sign-in and sign-out", () => {
  it("signs in with 工号 and password and lands on the dashboard", async () => {
    const b = new Browserish(server.url);
    const res = await b.post("/login", { employeeNo: "L001", password: "learner-pass" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/dashboard");
    const page = await (await b.get("/dashboard")).text();
    expect(page).toContain("测试L001");
  });

  it("refuses a wrong password with a message in Chinese and keeps the typed 工号", async () => {
    const b = new Browserish(server.url);
    const res = await b.post("/login", { employeeNo: "T001", password: "wrong-password" });
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain("工号或密码不正确");
    expect(html).toMatch(/name="employeeNo"[^>]*value="T001"/);
    expect(b.cookies.has("kefu_session")).toBe(false);
  });

  it("returns to the page that asked for sign-in, and never to another site", async () => {
    const anon = new Browserish(server.url);
    const res = await anon.get("/modules/sla");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Fmodules%2Fsla");
    const back = await anon.post("/login", { employeeNo: "L001", password: "learner-pass", redirectTo: "/modules/sla" });
    expect(back.headers.get("location")).toBe("/modules/sla");
    const evil = await new Browserish(server.url).post("/login", { employeeNo: "L001", password: "learner-pass", redirectTo: "//evil.example" });
    expect(evil.headers.get("location")).toBe("/dashboard");
  });

  it("sign-out deletes the server-side session, so the old cookie stops working", async () => {
    const b = new Browserish(server.url);
    await b.login("L001", "learner-pass");
    const stolen = b.cookieHeader();
    const before = await sessionsOf("L001");
    const out = await b.post("/logout", {});
    expect(out.status).toBe(302);
    expect(await sessionsOf("L001")).toBe(before - 1);
    const replay = await fetch(`${server.url}/dashboard`, { headers: { Cookie: stolen }, redirect: "manual" });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toContain("/login");
  });

  it("ignores a cookie whose signature was tampered with", async () => {
    const b = new Browserish(server.url);
    await b.login("L001", "learner-pass");
    const value = b.cookies.get("kefu_session")!;
    const res = await fetch(`${server.url}/dashboard`, {
      headers: { Cookie: `kefu_session=${value.slice(0, -3)}abc` },
      redirect: "manual",
    });
    expect(res.status).toBe(302);
  });
});

describe("role checks", () => {
  // [who, path, status, the page's heading]: a 200 must be the page asked for, a 403 the refusal page.
  const cases: [string, string, number, string][] = [
    ["learner", "/trainer", 403, "没有权限"],
    ["learner", "/admin/users", 403, "没有权限"],
    ["learner", "/admin/users/import", 403, "没有权限"],
    ["trainer", "/trainer", 200, "培训管理"],
    ["trainer", "/admin/users", 403, "没有权限"],
    ["admin", "/admin/users", 200, "账号管理"],
    ["admin", "/trainer", 200, "培训管理"],
    ["learner", "/dashboard", 200, "测试L001，你好"],
  ];
  const creds: Record<string, [string, string]> = {
    learner: ["L001", "learner-pass"],
    trainer: ["T001", "trainer-pass"],
    admin: ["A001", "admin-pass-1"],
  };
  it.each(cases)("%s opening %s gets %i showing “%s”", async (role, path, status, title) => {
    const b = new Browserish(server.url);
    await b.login(...creds[role]);
    const res = await b.get(path);
    expect(res.status).toBe(status);
    const html = await res.text();
    expect(heading(html)).toBe(title);
    if (status === 403) expect(html).toContain("你的账号没有访问这个页面的权限");
    else expect(html).not.toContain("没有权限");
  });

  it("a learner's POST to an admin action is refused and changes nothing", async () => {
    const b = new Browserish(server.url);
    await b.login("L001", "learner-pass");
    const res = await b.post("/admin/users", { intent: "create", employeeNo: "X999", name: "不该存在", role: "admin" });
    expect(res.status).toBe(403);
    expect((await row<{ n: number }>(server.db, sql`select count(*) as n from users where employee_no = 'X999'`))!.n).toBe(0);
  });

  it("an anonymous visitor is sent to sign in", async () => {
    for (const path of ["/dashboard", "/admin/users", "/trainer", "/search?q=投诉"]) {
      const anon = new Browserish(server.url);
      const res = await anon.get(path);
      expect(res.status, path).toBe(302);
      // The sign-in page, with this very page (path and query, as the browser sent them) as the return address.
      const asked = new URL(path, server.url);
      const location = res.headers.get("location")!;
      expect(location, path).toBe(`/login?redirectTo=${encodeURIComponent(asked.pathname + asked.search)}`);
      const back = new URL(new URL(location, server.url).searchParams.get("redirectTo")!, server.url);
      expect([back.pathname, [...back.searchParams]], path).toEqual([asked.pathname, [...asked.searchParams]]);
      const login = await anon.get(location);
      expect(login.status, path).toBe(200);
      const html = await login.text();
      expect(heading(html), path).toBe("登录");
      const field = /<input[^>]*name="redirectTo"[^>]*>/.exec(html)?.[0] ?? "";
      expect(field.replace(/&amp;/g, "&"), path).toContain(`value="${asked.pathname + asked.search}"`);
    }
  });

  it("unknown pages get a friendly 404 without a stack trace", async () => {
    const b = new Browserish(server.url);
    await b.login("L001", "learner-pass");
    for (const path of ["/no-such-page", "/modules/no-such-module"]) {
      const res = await b.get(path);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain("页面不存在");
      expect(html).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
    }
  });
});

describe("account changes end sessions", () => {
  it("disabling an account signs it out everywhere and blocks sign-in", async () => {
    await createUser(server.db, { employeeNo: "L100", password: "learner-pass" });
    const learner = new Browserish(server.url);
    await learner.login("L100", "learner-pass");
    const admin = new Browserish(server.url);
    await admin.login("A001", "admin-pass-1");
    const id = (await row<{ id: number }>(server.db, sql`select id from users where employee_no = 'L100'`))!.id;
    const res = await admin.post("/admin/users", { intent: "disable", userId: String(id) });
    expect(res.status).toBe(200);
    expect((await learner.get("/dashboard")).status).toBe(302);
    const again = await new Browserish(server.url).post("/login", { employeeNo: "L100", password: "learner-pass" });
    expect(again.status).toBe(401);
    expect(await again.text()).toContain("该账号已停用");
  });

  it("resetting a password ends the sessions and only the new password works", async () => {
    await createUser(server.db, { employeeNo: "L101", password: "learner-pass" });
    const learner = new Browserish(server.url);
    await learner.login("L101", "learner-pass");
    const admin = new Browserish(server.url);
    await admin.login("A001", "admin-pass-1");
    const id = (await row<{ id: number }>(server.db, sql`select id from users where employee_no = 'L101'`))!.id;
    const html = await (await admin.post("/admin/users", { intent: "reset", userId: String(id) })).text();
    const newPassword = /data-testid="new-password">([^<]+)</.exec(html)?.[1];
    expect(newPassword).toMatch(/^[A-Za-z0-9]{12}$/);
    expect((await learner.get("/dashboard")).status).toBe(302);
    expect((await new Browserish(server.url).post("/login", { employeeNo: "L101", password: "learner-pass" })).status).toBe(401);
    await new Browserish(server.url).login("L101", newPassword!);
  });

  it("an admin creates an account; a bad form keeps what was typed and says what is wrong", async () => {
    const admin = new Browserish(server.url);
    await admin.login("A001", "admin-pass-1");
    const bad = await admin.post("/admin/users", { intent: "create", employeeNo: "bad no!", name: "赵六", role: "learner", team: "一班", password: "" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("工号只能包含字母、数字");
    expect(html).toMatch(/name="name"[^>]*value="赵六"/);
    expect(html).toMatch(/name="team"[^>]*value="一班"/);
    const ok = await admin.post("/admin/users", { intent: "create", employeeNo: "L200", name: "赵六", role: "learner", team: "一班", password: "a-good-password" });
    expect(ok.status).toBe(200);
    await new Browserish(server.url).login("L200", "a-good-password");
  });
});

describe("cross-origin requests", () => {
  it("refuses a state-changing POST from another origin and changes nothing", async () => {
    const b = new Browserish(server.url);
    await b.login("L001", "learner-pass");
    const before = (await row<{ n: number }>(server.db, sql`select count(*) as n from module_progress`))!.n;
    const res = await b.post("/modules/sla", { intent: "complete" }, { origin: "http://evil.example" });
    expect(res.status).toBe(403);
    const viaFetchMetadata = await b.post("/modules/sla", { intent: "complete" }, { origin: null, headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(viaFetchMetadata.status).toBe(403);
    expect((await row<{ n: number }>(server.db, sql`select count(*) as n from module_progress`))!.n).toBe(before);
    const same = await b.post("/modules/sla", { intent: "complete" });
    expect(same.status).toBe(200);
    expect((await row<{ n: number }>(server.db, sql`select count(*) as n from module_progress`))!.n).toBe(before + 1);
  });

  it("refuses a cross-origin sign-in attempt", async () => {
    const res = await new Browserish(server.url).post("/login", { employeeNo: "L001", password: "learner-pass" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
  });
});

describe("interface language", () => {
  it("switches the interface to English and back, while the manuals stay Chinese", async () => {
    const b = new Browserish(server.url);
    const zhLogin = await (await b.get("/login")).text();
    expect(zhLogin).toMatch(/<label for="employeeNo">工号<\/label>/);
    expect(zhLogin).toMatch(/<button[^>]*type="submit"[^>]*>登录<\/button>/);
    await b.post("/lang", { locale: "en" }, { headers: { Referer: `${server.url}/login` } });
    expect(await (await b.get("/login")).text()).toContain("Sign in");
    await b.login("L001", "learner-pass");
    const module = await (await b.get("/modules/sla")).text();
    expect(module).toContain("Contents");
    expect(module).toContain("服务时限与质量指标");
    await b.post("/lang", { locale: "zh" });
    expect(await (await b.get("/modules/sla")).text()).toContain("本模块目录");
  });
});

describe("security headers", () => {
  it("sends a CSP with a per-request nonce on pages", async () => {
    const a = await new Browserish(server.url).get("/login");
    const b = await new Browserish(server.url).get("/login");
    const csp = a.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toEqual(b.headers.get("content-security-policy"));
    expect(a.headers.get("x-frame-options")).toBe("DENY");
  });
});
