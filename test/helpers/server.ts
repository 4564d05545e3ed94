/**
 * Starts the real built server (build/ must exist: `npm test` builds first) on a free port with its own
 * database on the engine under test (test/helpers/db.ts): SQLite, a temporary file; PostgreSQL, a fresh
 * database on the test cluster. Gives tests HTTP helpers and a direct connection to the same database.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { closeDatabase, openDatabase, openPostgres, type Db } from "@db/client";
import { insertUser } from "@db/queries/users";
import type { Role } from "@db/schema";
import { hashPassword } from "~/domain/password";
import { freshDatabaseUrl, tempDir, testEngine } from "./db";

export { tempDir };

export interface TestServer {
  url: string;
  /** SQLite: the database file. PostgreSQL: "" (the server runs on `databaseUrl`). */
  dbPath: string;
  /** PostgreSQL: the URL of the server's database. SQLite: undefined. */
  databaseUrl: string | undefined;
  /** Options that start another server on this server's database: `startServer({ ...server.sameDatabase })`. */
  sameDatabase: { dbPath: string } | { databaseUrl: string };
  /** Environment that points a CLI (or another process) at this server's database. */
  databaseEnv: Record<string, string>;
  dir: string;
  db: Db;
  /** The listening server process itself (plain node running build/server.js; no wrapper). */
  pid: number;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM, then wait for the exit (SIGKILL after 15 s); closes the test's own DB connection. */
  stop: () => Promise<void>;
  /** Kill the server process at once (no shutdown handlers run), as a crash would. */
  crash: () => Promise<void>;
  /** Send a signal and wait for the process to exit: exit code, signal and milliseconds taken. */
  terminate: (signal?: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  /** The server's clock (only with `testClock: true`, i.e. NODE_ENV=test KEFU_TEST_CLOCK=1). */
  clock: { advance: (ms: number) => Promise<number>; set: (ms: number) => Promise<number>; reset: () => Promise<number> };
}

export const TEST_SECRET = "test-secret-0123456789abcdef0123456789abcdef";
export const SERVER_ENTRY = "build/server.js";

/** Every process a test starts carries the test run's marker, so `npm test` can find any left behind. */
function runMarker(): Record<string, string> {
  return process.env.KEFU_TEST_RUN ? { KEFU_TEST_RUN: process.env.KEFU_TEST_RUN } : {};
}

const live = new Set<ChildProcess>();
// If a test file dies without stopping its servers, its worker takes them along when it exits.
process.once("exit", () => {
  for (const c of live) c.kill("SIGKILL");
});

function spawnServer(env: Record<string, string | undefined> & { NODE_ENV: string }): ChildProcess {
  if (!fs.existsSync(SERVER_ENTRY) || !fs.existsSync("build/server/index.js")) throw new Error("build/ 不存在:先运行 npm run build");
  const child: ChildProcess = spawn(process.execPath, [SERVER_ENTRY], {
    env: { PATH: process.env.PATH, HOST: "127.0.0.1", PORT: "0", SESSION_SECRET: TEST_SECRET, LOG_LEVEL: "info", ...runMarker(), ...env } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}

function waitExit(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

/**
 * Run the built server and resolve when it prints its address (or reject with its output). Its database:
 * SQLite, `dbPath` or a new file; PostgreSQL, `databaseUrl` (to share one database between servers) or a
 * fresh database.
 */
export async function startServer(
  options: { env?: Record<string, string>; dbPath?: string; databaseUrl?: string; testClock?: boolean; startTimeoutMs?: number } = {},
): Promise<TestServer> {
  const dir = tempDir();
  const postgres = testEngine() === "postgres";
  if (postgres && options.dbPath) throw new Error("startServer({ dbPath }) 只用于 SQLite；PostgreSQL 上请用 { databaseUrl }（或 ...server.sameDatabase）。");
  if (!postgres && options.databaseUrl) throw new Error("startServer({ databaseUrl }) 只用于 PostgreSQL 项目。");
  const dbPath = postgres ? "" : (options.dbPath ?? path.join(dir, "app.db"));
  const databaseUrl = postgres ? (options.databaseUrl ?? (await freshDatabaseUrl("server"))) : undefined;
  const databaseEnv: Record<string, string> = databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_PATH: dbPath };
  const child = spawnServer({
    NODE_ENV: options.testClock ? "test" : "production",
    ...(options.testClock ? { KEFU_TEST_CLOCK: "1" } : {}),
    // On PostgreSQL too: files kept "beside the database" (demo mode's session-secret) go to the test's
    // folder, never to the working copy's data/.
    DATABASE_PATH: path.join(dir, "app.db"),
    ...databaseEnv,
    ...options.env,
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not start:\n${out}`));
    }, options.startTimeoutMs ?? 60_000);
    child.stdout!.on("data", () => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  const db = databaseUrl ? await openPostgres(databaseUrl, { migrate: false }) : openDatabase(dbPath, { migrate: false });
  let dbOpen = true;
  const clockCall = async (body: Record<string, unknown>): Promise<number> => {
    const res = await fetch(`${url}/__test/clock`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`test clock refused (${res.status}): start the server with { testClock: true }`);
    return ((await res.json()) as { now: number }).now;
  };
  const terminate = async (signal: NodeJS.Signals = "SIGTERM") => {
    const t0 = Date.now();
    const exited = waitExit(child);
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const r = await exited;
    return { ...r, ms: Date.now() - t0 };
  };
  return {
    url,
    dbPath,
    databaseUrl,
    sameDatabase: databaseUrl ? { databaseUrl } : { dbPath },
    databaseEnv,
    dir,
    db,
    pid: child.pid!,
    child,
    output: () => out,
    stop: async () => {
      if (dbOpen) {
        dbOpen = false;
        await closeDatabase(db).catch(() => {}); // a test may have closed it itself
      }
      const exited = waitExit(child);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
    crash: async () => {
      const exited = waitExit(child);
      child.kill("SIGKILL");
      await exited;
    },
    terminate,
    clock: {
      advance: (ms) => clockCall({ advance: ms }),
      set: (ms) => clockCall({ set: ms }),
      reset: () => clockCall({ reset: true }),
    },
  };
}

/**
 * Run the server entry expecting it to fail at start-up; resolves with its exit code and output. On
 * PostgreSQL it gets a fresh database unless `env` names one (DATABASE_URL), so it runs on the engine under test.
 */
export async function startExpectingFailure(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const database = testEngine() === "postgres" && !("DATABASE_URL" in env) ? { DATABASE_URL: await freshDatabaseUrl("failing") } : {};
  const child = spawnServer({ NODE_ENV: "production", ...database, ...env });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output: out });
    });
  });
}

export async function createUser(
  db: Db,
  u: { employeeNo: string; name?: string; role?: Role; team?: string; password?: string },
) {
  return await insertUser(
    db,
    {
      employeeNo: u.employeeNo,
      name: u.name ?? `测试${u.employeeNo}`,
      role: u.role ?? "learner",
      team: u.team ?? null,
      passwordHash: await hashPassword(u.password ?? "password-123"),
    },
    Date.now(),
  );
}

/** A tiny cookie-keeping HTTP client that behaves like a same-origin browser form. */
export class Browserish {
  cookies = new Map<string, string>();
  constructor(public base: string) {}

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(pathname: string, init: RequestInit & { origin?: string | null } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader());
    const method = (init.method ?? "GET").toUpperCase();
    if (method !== "GET" && init.origin !== null) headers.set("Origin", init.origin ?? this.base);
    const res = await fetch(this.base + pathname, { ...init, headers, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(";");
      const [name, ...rest] = pair.split("=");
      const value = rest.join("=");
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value === "") this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    return res;
  }

  get(pathname: string) {
    return this.request(pathname);
  }

  post(pathname: string, fields: Record<string, string> | FormData, init: RequestInit & { origin?: string | null } = {}) {
    const body = fields instanceof FormData ? fields : new URLSearchParams(fields);
    return this.request(pathname, { ...init, method: "POST", body });
  }

  async login(employeeNo: string, password: string) {
    const res = await this.post("/login", { employeeNo, password });
    if (res.status !== 302) throw new Error(`login failed for ${employeeNo}: ${res.status} ${await res.text()}`);
    return res;
  }
}
