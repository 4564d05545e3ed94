import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loginFailures } from "@db/schema";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  await createUser(server.db, { employeeNo: "R001", password: "right-password" });
  await createUser(server.db, { employeeNo: "R002", password: "right-password" });
});
afterAll(() => server?.stop());
// Every test starts with no recorded failures, so each passes alone and in any order.
beforeEach(async () => {
  await server.db.delete(loginFailures);
});

describe("sign-in rate limits", () => {
  it("locks an account after 5 failures, even for the right password, and says when to retry", async () => {
    const b = new Browserish(server.url);
    for (let i = 0; i < 5; i++) expect((await b.post("/login", { employeeNo: "R001", password: `wrong-${i}` })).status).toBe(401);
    const res = await b.post("/login", { employeeNo: "R001", password: "right-password" });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await res.text()).toMatch(/登录失败次数过多，请 \d+ 分钟后再试/);
    // Another account from the same address is not locked by this one.
    expect((await b.post("/login", { employeeNo: "R002", password: "right-password" })).status).toBe(302);
  });

  it("limits one address trying many accounts", async () => {
    const b = new Browserish(server.url);
    // 19 failures on 19 different accounts: still under the address limit of 20.
    for (let i = 0; i < 19; i++) expect((await b.post("/login", { employeeNo: `NOPE${i}`, password: "x-wrong-x" })).status).toBe(401);
    expect((await new Browserish(server.url).post("/login", { employeeNo: "R002", password: "right-password" })).status).toBe(302);
    // The 20th reaches it: now even the right password of an unlocked account is refused from this address.
    expect((await b.post("/login", { employeeNo: "NOPE19", password: "x-wrong-x" })).status).toBe(401);
    const res = await b.post("/login", { employeeNo: "R002", password: "right-password" });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
