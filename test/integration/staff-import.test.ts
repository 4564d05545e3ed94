import iconv from "iconv-lite";
import { exec, row } from "@db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let admin: Browserish;

beforeAll(async () => {
  server = await startServer();
  await createUser(server.db, { employeeNo: "A001", role: "admin", password: "admin-pass-1" });
  admin = new Browserish(server.url);
  await admin.login("A001", "admin-pass-1");
});
afterAll(() => server?.stop());

const CSV = "工号,姓名,角色,班组\nG1001,张三,学员,2026年11月新员工班\nG1002,李四,学员,2026年11月新员工班\nG2001,王老师,培训师,培训组\n";

/**
 * Uploads the file; when it is accepted (redirect to its preview), reads the preview and confirms it.
 * The answer's text is the preview's followed by the confirmation's.
 */
async function upload(bytes: Uint8Array, name = "staff.csv"): Promise<{ status: number; text: () => Promise<string> }> {
  const form = new FormData();
  form.set("file", new Blob([Buffer.from(bytes)], { type: "text/csv" }), name);
  const res = await admin.post("/admin/users/import", form);
  if (res.status !== 302) return res;
  const location = res.headers.get("Location")!;
  const preview = await (await admin.get(location)).text();
  const fingerprint = /name="fingerprint" value="([0-9a-f]{64})"/.exec(preview)?.[1] ?? "";
  const done = await admin.post(location, { intent: "confirm", pending: location.split("=")[1], fingerprint });
  const html = preview + (await done.text());
  return { status: done.status, text: async () => html };
}
const userCount = async () => (await row<{ n: number }>(server.db, sql`select count(*) as n from users`))!.n;
const userRow = async (no: string) =>
  await row<{ name: string; role: string; team: string; updated_at: number }>(server.db, sql`select name, role, team, updated_at from users where employee_no = ${no}`);

/** The CSV imported once, by the first test or (when a later test runs alone, `-t`) here. */
const ensureImported = async () => {
  if (await userRow("G1001")) return;
  expect((await upload(iconv.encode(CSV, "gbk"))).status).toBe(200);
};

describe("staff list import", () => {
  it("imports a GBK file as Excel saves it, with Chinese intact, and shows the new passwords once", async () => {
    const res = await upload(iconv.encode(CSV, "gbk"));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("新建 3 个");
    expect(html).toContain("文件：staff.csv（GBK）");
    expect(await userRow("G1001")).toMatchObject({ name: "张三", role: "learner", team: "2026年11月新员工班" });
    expect(await userRow("G2001")).toMatchObject({ name: "王老师", role: "trainer", team: "培训组" });
    const password = new RegExp(`G1002</td><td>李四</td><td class="font-mono">([A-Za-z0-9]+)<`).exec(html)?.[1];
    expect(password).toBeTruthy();
    await new Browserish(server.url).login("G1002", password!);
  });

  it("re-importing the same file changes nothing", async () => {
    await ensureImported();
    const before = await userCount();
    const stamp = (await userRow("G1001"))!.updated_at;
    const res = await upload(iconv.encode(CSV, "gbk"));
    expect(await res.text()).toMatch(/新建 0 个[,，]更新 0 个[,，]未变化 3 个/);
    expect(await userCount()).toBe(before);
    expect((await userRow("G1001"))!.updated_at).toBe(stamp);
  });

  it("accepts UTF-8 with a BOM and without, and updates a changed row", async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("工号,姓名,角色,班组\nG3001,赵敏,学员,二班\n")]);
    const r1 = await (await upload(bom)).text();
    expect(r1).toContain("文件：staff.csv（UTF-8 (BOM)）");
    expect(await userRow("G3001")).toMatchObject({ name: "赵敏", team: "二班" });
    const r2 = await (await upload(new TextEncoder().encode("工号,姓名,角色,班组\nG3001,赵敏,学员,三班\n"))).text();
    expect(r2).toContain("文件：staff.csv（UTF-8）");
    expect(r2).toContain("更新 1 个");
    expect((await userRow("G3001"))!.team).toBe("三班");
  });

  it("a file with bad rows imports nothing and lists every bad row with its line", async () => {
    const before = await userCount();
    const bad = [
      "工号,姓名,角色,班组",
      "G4001,周一,学员,一班",
      "G4002,,学员,一班",
      "G4003,吴三,经理,一班",
      "G4001,郑四,学员,一班",
      "bad no,钱五,学员,一班",
    ].join("\r\n");
    const res = await upload(iconv.encode(bad, "gbk"));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/文件有 4 处错误[,，]没有导入任何数据/);
    expect(html).toContain("第 3 行，姓名：为空");
    expect(html).toContain("第 4 行，角色：“经理”无效");
    expect(html).toContain("第 5 行，工号：“G4001”与第 2 行重复");
    expect(html).toContain("第 6 行，工号：“bad no”只能包含");
    expect(await userCount()).toBe(before);
    expect(await userRow("G4001")).toBeUndefined();
  });

  it("names a missing header column, and refuses an oversized file", async () => {
    const res = await upload(new TextEncoder().encode("编号,姓名\nX1,某某\n"));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("缺少列：工号、角色");
    const big = new Uint8Array(3 * 1024 * 1024).fill(0x41);
    const tooBig = await upload(big);
    expect(tooBig.status).toBe(413);
    expect(await tooBig.text()).toContain("文件太大");
  });
});
