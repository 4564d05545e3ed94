/**
 * Accounts, smaller items: the staff import never demotes the last admin; each SESSION_SECRET entry
 * must be 32+ characters; a staff CSV in Latin-1 is refused with a Chinese message and imports nothing.
 * (Files created owner-only: file-modes.test.ts, SQLite only.)
 */
import { exec, row } from "@db/client";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browserish, createUser, startExpectingFailure, startServer, tempDir, TEST_SECRET, type TestServer } from "../../helpers/server";

let server: TestServer;
let admin: Browserish;

beforeAll(async () => {
  server = await startServer();
  await createUser(server.db, { employeeNo: "SA01", role: "admin", password: "admin-pass-1" });
  await createUser(server.db, { employeeNo: "SA02", role: "admin", password: "admin-pass-1" });
  await exec(server.db, sql`update users set disabled_at = 1 where employee_no = 'SA02'`);
  admin = new Browserish(server.url);
  await admin.login("SA01", "admin-pass-1");
});
afterAll(() => server?.stop());

/** Uploads the file; when accepted, confirms its preview if it offers a confirmation. Returns the last page. */
async function upload(bytes: Uint8Array): Promise<{ status: number; text: () => Promise<string> }> {
  const form = new FormData();
  form.set("file", new Blob([Buffer.from(bytes)], { type: "text/csv" }), "staff.csv");
  const res = await admin.post("/admin/users/import", form);
  if (res.status !== 302) return res;
  const location = res.headers.get("Location")!;
  const preview = await admin.get(location);
  const html = await preview.text();
  const fingerprint = /name="fingerprint" value="([0-9a-f]{64})"/.exec(html)?.[1];
  if (!fingerprint) return { status: preview.status, text: async () => html };
  return admin.post(location, { intent: "confirm", pending: location.split("=")[1], fingerprint });
}
const roleOf = async (no: string) => (await row<{ role: string }>(server.db, sql`select role from users where employee_no = ${no}`))?.role;
const userCount = async () => (await row<{ n: number }>(server.db, sql`select count(*) as n from users`))!.n;

describe("staff import and the last admin", () => {
  it("refuses to demote the last active admin, names the row, and changes nothing", async () => {
    const before = await userCount();
    const res = await upload(new Uint8Array(Buffer.from("工号,姓名,角色,班组\nSN01,新学员,学员,一班\nSA01,管理员甲,培训师,系统\n")));
    // The preview names the row and offers no confirmation.
    const html = await res.text();
    expect(html).toContain("第 3 行：工号 SA01 是最后一个可用的管理员");
    expect(html).not.toContain('name="fingerprint"');
    expect(await roleOf("SA01")).toBe("admin");
    expect(await userCount()).toBe(before); // SN01 not created either
  });

  it("refuses a Latin-1 file with a clear Chinese message and imports nothing", async () => {
    const before = await userCount();
    const res = await upload(new Uint8Array(Buffer.from("employeeNo,name,role\nSL01,Müller,learner\nSL02,François,learner\n", "latin1")));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("既不是 UTF-8 也不是 GBK");
    expect(await userCount()).toBe(before);
  });
  // Last, as it leaves SA01 a trainer.
  it("allows it when the same file makes another admin", async () => {
    // (The page answers 403 afterwards: the importing admin has just made themself a trainer.)
    await upload(new Uint8Array(Buffer.from("工号,姓名,角色,班组\nSN02,新管理员,管理员,系统\nSA01,管理员甲,培训师,系统\n")));
    expect(await roleOf("SA01")).toBe("trainer");
    expect(await roleOf("SN02")).toBe("admin");
  });
});

describe("SESSION_SECRET rotation list", () => {
  it("refuses a list with a short entry, naming the variable", async () => {
    const r = await startExpectingFailure({ DATABASE_PATH: path.join(tempDir(), "app.db"), SESSION_SECRET: `${TEST_SECRET},short` });
    expect(r.code).not.toBe(0);
    expect(r.output).toContain("SESSION_SECRET");
    expect(r.output).toContain("每个密钥");
  });

  it("accepts a list whose every entry is long enough", async () => {
    const s = await startServer({ env: { SESSION_SECRET: `${TEST_SECRET}, ${"k".repeat(32)}` } });
    await s.stop();
  });
});
