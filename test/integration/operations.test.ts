/**
 * What an operator relies on, through the built server over HTTP: /healthz, structured request logs,
 * request body limits (413 before the body is read), TRUST_PROXY, and the test clock that only a test
 * server has.
 */
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase, row } from "@db/client";
import { setDb } from "~/db.server";
import { health } from "~/ops.server";
import { Browserish, createUser, startExpectingFailure, startServer, tempDir, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  await createUser(server.db, { employeeNo: "OPS01", password: "ops-pass-123" });
});
afterAll(async () => {
  await server?.stop();
});

/** The JSON log lines the server wrote so far. */
function logLines(s: TestServer): Record<string, unknown>[] {
  return s
    .output()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** A raw POST: headers now, then `chunks` until the server answers; resolves with the answer and bytes sent. */
function rawPost(
  url: string,
  headers: Record<string, string>,
  chunk: Buffer,
  maxChunks: number,
): Promise<{ status: number; body: string; sent: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    let sent = 0;
    let answered = false;
    const req = http.request(url, { method: "POST", headers }, (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body, sent, ms: Date.now() - t0 });
        req.destroy();
      });
    });
    req.on("error", (e) => {
      if (!answered) reject(e);
    });
    const pump = (i: number) => {
      if (answered || i >= maxChunks) return;
      req.write(chunk, () => {
        sent += chunk.length;
        setImmediate(() => pump(i + 1));
      });
    };
    pump(0);
  });
}

describe("/healthz", () => {
  it("answers 200 with the version and the database status, without a session", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: "ok", database: "ok", version: "0.1.0" });
    expect(typeof body.schemaVersion).toBe("number");
    // Polled every second by a load balancer: not written to the request log.
    expect(logLines(server).some((l) => (l.req as { route?: string } | undefined)?.route === "/healthz")).toBe(false);
  });

  it("reports 503 when the database cannot serve", async () => {
    const db = openDatabase(path.join(tempDir(), "health.db"));
    setDb(db);
    try {
      expect(await health()).toMatchObject({ status: 200, body: { status: "ok", database: "ok" } });
      db.$client.close();
      expect(await health()).toMatchObject({ status: 503, body: { status: "unavailable", database: "unavailable" } });
    } finally {
      setDb(undefined);
    }
  });
});

describe("request logs", () => {
  it("one JSON line per request: method, route, status, duration, user id, request id; no password, cookie or answer", async () => {
    const b = new Browserish(server.url);
    const login = await b.post("/login", { employeeNo: "OPS01", password: "ops-pass-123" });
    expect(login.status).toBe(302);
    const dash = await b.request("/dashboard?from=test", { headers: { "X-Request-Id": "trace-ops-0001" } });
    expect(dash.status).toBe(200);
    expect(dash.headers.get("x-request-id")).toBe("trace-ops-0001");
    const userId = (await row<{ id: number }>(server.db, sql`select id from users where employee_no = 'OPS01'`))!.id;

    await expect
      .poll(() => logLines(server).find((l) => (l.req as { id?: string } | undefined)?.id === "trace-ops-0001"))
      .toMatchObject({ level: 30, userId, req: { method: "GET", route: "/dashboard" }, res: { statusCode: 200 } });
    const line = logLines(server).find((l) => (l.req as { id?: string } | undefined)?.id === "trace-ops-0001")!;
    expect(typeof line.responseTime).toBe("number");
    const loginLine = logLines(server).find((l) => (l.req as { route?: string } | undefined)?.route === "/login" && (l.res as { statusCode: number }).statusCode === 302);
    expect(loginLine).toBeTruthy();
    // Every request got an id (generated when the client sent none).
    expect((loginLine!.req as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/);
    const all = server.output();
    expect(all).not.toContain("ops-pass-123");
    expect(all).not.toContain(b.cookies.get("kefu_session")!);
    expect(all).not.toMatch(/cookie/i);
    expect(all).not.toContain("from=test");
  });

  it("LOG_LEVEL=warn leaves out the request lines", async () => {
    const quiet = await startServer({ env: { LOG_LEVEL: "warn" } });
    try {
      expect((await fetch(`${quiet.url}/login`)).status).toBe(200);
      expect(quiet.output()).not.toContain('"route":"/login"');
    } finally {
      await quiet.stop();
    }
    const bad = await startExpectingFailure({ DATABASE_PATH: path.join(tempDir(), "x.db"), LOG_LEVEL: "chatty" });
    expect(bad.code).toBe(1);
    expect(bad.output).toContain("LOG_LEVEL");
  });
});

describe("request body limits", () => {
  it("a huge anonymous POST to /login is refused with 413 at once, before its body is sent", async () => {
    const r = await rawPost(
      `${server.url}/login`,
      { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(60 * 1024 * 1024) },
      Buffer.alloc(16 * 1024, "a"),
      1,
    );
    expect(r.status).toBe(413);
    expect(r.sent).toBeLessThanOrEqual(16 * 1024); // the other 60 MB were never needed
    expect(r.ms).toBeLessThan(5_000);
    expect(r.body).toContain("请求内容过大：此处最多接受 64 KB");
  });

  it("a body sent without Content-Length is counted as it arrives and refused at the limit", async () => {
    const r = await rawPost(
      `${server.url}/login`,
      { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
      Buffer.alloc(16 * 1024, "a"),
      4096, // up to 64 MB if nobody stopped us
    );
    expect(r.status).toBe(413);
    expect(r.sent).toBeLessThan(2 * 1024 * 1024);
    expect(r.body).toContain("64 KB");
  });

  it("the autosave endpoint answers JSON; uploads have their own limit, the one their page states", async () => {
    const save = await fetch(`${server.url}/attempts/whatever/save`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ intent: "save", position: 0, response: "x".repeat(20_000), seq: 1 }),
    });
    expect(save.status).toBe(413);
    expect(await save.json()).toMatchObject({ ok: false, code: "tooLarge", limit: 8192 });

    // 1 MB is refused on a plain form but accepted (then judged by the page) on an upload.
    const big = "x".repeat(1024 * 1024);
    expect((await fetch(`${server.url}/login`, { method: "POST", body: big })).status).toBe(413);
    const upload = await fetch(`${server.url}/admin/users/import`, { method: "POST", body: big });
    expect(upload.status).not.toBe(413);
    const tooBig = await rawPost(`${server.url}/admin/users/import`, { "Content-Length": String(3 * 1024 * 1024) }, Buffer.alloc(1024), 1);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toContain("文件太大：上传的文件最大 2 MB");

    // English when the visitor chose English.
    const lang = await fetch(`${server.url}/login`, { method: "POST", body: big, headers: { Cookie: `lang=${Buffer.from(JSON.stringify("en")).toString("base64")}` } });
    expect(lang.status).toBe(413);
    expect(await lang.text()).toContain("The request is too large");

    // A browser-like client that sends all of an oversized upload reads the 413 (no reset connection),
    // and the connection stays usable.
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(3 * 1024 * 1024)]), "staff.csv");
    const whole = await fetch(`${server.url}/admin/users/import`, { method: "POST", body: form });
    expect(whole.status).toBe(413);
    expect(await whole.text()).toContain("文件太大");

    // And a normal sign-in form still goes through.
    const ok = await new Browserish(server.url).post("/login", { employeeNo: "OPS01", password: "ops-pass-123" });
    expect(ok.status).toBe(302);
  });
});

describe("TRUST_PROXY", () => {
  it("with one hop, a spoofed left-most X-Forwarded-For does not change the address the rate limiter sees", async () => {
    const proxied = await startServer({ env: { TRUST_PROXY: "1" } });
    try {
      const tryLogin = (i: number, forwardedFor: string) =>
        fetch(`${proxied.url}/login`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": forwardedFor },
          body: new URLSearchParams({ employeeNo: `NOBODY${i}`, password: "wrong-password" }),
          redirect: "manual",
        });
      // 20 failures (the per-address limit), each claiming a different client in front of the proxy.
      for (let i = 0; i < 20; i++) expect((await tryLogin(i, `10.9.${i}.1, 203.0.113.7`)).status).toBe(401);
      // The proxy's own entry (the right-most) is the address: it is now blocked, whatever is claimed.
      expect((await tryLogin(20, "198.51.100.99, 203.0.113.7")).status).toBe(429);
      // Another real client behind the same proxy is not.
      expect((await tryLogin(21, "10.9.0.1, 203.0.113.8")).status).toBe(401);
    } finally {
      await proxied.stop();
    }
  });

  it("refuses 'trust everything' and malformed addresses at start-up, naming the variable", async () => {
    for (const value of ["true", "10.0.0.0/99", "proxy.example"]) {
      const r = await startExpectingFailure({ DATABASE_PATH: path.join(tempDir(), "x.db"), TRUST_PROXY: value });
      expect(r.code, value).toBe(1);
      expect(r.output, value).toContain("TRUST_PROXY");
    }
  });
});

describe("the test clock", () => {
  it("exists only in test mode: a production start with it is refused, and production has no control", async () => {
    const refused = await startExpectingFailure({ DATABASE_PATH: path.join(tempDir(), "x.db"), KEFU_TEST_CLOCK: "1" });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("KEFU_TEST_CLOCK");
    expect(refused.output).toContain("NODE_ENV=production");
    const res = await fetch(`${server.url}/__test/clock`, { method: "POST", body: JSON.stringify({ advance: 3_600_000 }) });
    expect(res.status).not.toBe(200);
  });

  it("moves the server's time in a test server", async () => {
    const clocked = await startServer({ testClock: true });
    try {
      const before = Date.now();
      const moved = await clocked.clock.advance(3 * 3_600_000);
      expect(moved).toBeGreaterThanOrEqual(before + 3 * 3_600_000);
      expect(moved).toBeLessThan(Date.now() + 3 * 3_600_000 + 60_000);
      expect(await clocked.clock.reset()).toBeLessThan(Date.now() + 60_000);
    } finally {
      await clocked.stop();
    }
  });
});
