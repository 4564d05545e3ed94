/**
 * Sign-in rate limit under concurrency: the attempt is reserved in the database before the (slow)
 * password check, so a parallel burst gets at most 5 checks per account per window, and the right
 * password sent after the limit is reached does not sign in.
 */
import { exec, row } from "@db/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Browserish, createUser, startServer, type TestServer } from "../../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  await createUser(server.db, { employeeNo: "C001", password: "right-password" });
  await createUser(server.db, { employeeNo: "C002", password: "right-password" });
  await createUser(server.db, { employeeNo: "C003", password: "right-password" });
});
afterAll(() => server?.stop());
// Each test starts from a clean record, so the per-address limit (all requests come from 127.0.0.1)
// never does the per-account limit's work.
beforeEach(async () => await exec(server.db, sql`delete from login_failures`));

/** One request each from its own client, all sent at once. */
async function burst(n: number, employeeNo: string, password: (i: number) => string) {
  const clients = Array.from({ length: n }, () => new Browserish(server.url));
  const res = await Promise.all(clients.map((c, i) => c.post("/login", { employeeNo, password: password(i) })));
  return { statuses: res.map((r) => r.status), signedIn: clients.filter((c) => c.cookies.has("kefu_session")).length };
}
const count = (xs: number[], s: number) => xs.filter((x) => x === s).length;

describe("sign-in rate limit under concurrency", () => {
  it("30 parallel wrong guesses: at most 5 are checked, the rest are refused with 429", async () => {
    const { statuses, signedIn } = await burst(30, "C001", (i) => `wrong-${i}`);
    expect(count(statuses, 401)).toBeLessThanOrEqual(5);
    expect(count(statuses, 401)).toBeGreaterThan(0);
    expect(count(statuses, 401) + count(statuses, 429)).toBe(30);
    expect(signedIn).toBe(0);
    // Exactly the checked attempts are on record for the account.
    const rows = (await row<{ n: number }>(server.db, sql`select count(*) as n from login_failures where key = 'acct:c001'`))!.n;
    expect(rows).toBe(count(statuses, 401));
  });

  it("once the limit is reached, a burst with the right password does not sign in", async () => {
    await burst(30, "C003", (i) => `wrong-${i}`);
    const { statuses, signedIn } = await burst(10, "C003", () => "right-password");
    expect(statuses.every((s) => s === 429)).toBe(true);
    expect(signedIn).toBe(0);
  });

  it("a burst mixing 29 wrong guesses and the right password checks at most 5 of them", async () => {
    const { statuses, signedIn } = await burst(30, "C002", (i) => (i === 29 ? "right-password" : `wrong-${i}`));
    expect(count(statuses, 401) + count(statuses, 302)).toBeLessThanOrEqual(5);
    expect(signedIn).toBe(count(statuses, 302));
  });
});
