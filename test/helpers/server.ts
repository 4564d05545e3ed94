/**
 * Starts the real built server (build/ must exist: `npm test` builds first) on a free port with its own
 * temporary database, and gives tests HTTP helpers and a direct connection to the same SQLite file.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "@db/client";
import { insertUser } from "@db/queries/users";
import type { Role } from "@db/schema";
import { hashPassword } from "~/domain/password";

export interface TestServer {
  url: string;
  dbPath: string;
  dir: string;
  db: Db;
  output: () => string;
  stop: () => Promise<void>;
  /** Kill the server process at once (no shutdown handlers run), as a crash would. */
  crash: () => Promise<void>;
}

export const TEST_SECRET = "test-secret-0123456789abcdef0123456789abcdef";

export function tempDir(prefix = "kefu-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Run the server entry and resolve when it prints its address (or reject with its output). */
export async function startServer(options: { env?: Record<string, string>; dbPath?: string; startTimeoutMs?: number } = {}): Promise<TestServer> {
  if (!fs.existsSync("build/server/index.js")) throw new Error("build/ 不存在:先运行 npm run build");
  const dir = tempDir();
  const dbPath = options.dbPath ?? path.join(dir, "app.db");
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "server.ts"], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_PATH: dbPath,
      SESSION_SECRET: TEST_SECRET,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), options.startTimeoutMs ?? 30_000);
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
  const db = openDatabase(dbPath, { migrate: false });
  return {
    url,
    dbPath,
    dir,
    db,
    output: () => out,
    stop: () => stopChild(child, db),
    crash: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}

function stopChild(child: ChildProcess, db: Db): Promise<void> {
  db.$client.close();
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 3000).unref();
  });
}

/** Run the server entry expecting it to fail at start-up; resolves with its exit code and output. */
export function startExpectingFailure(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "server.ts"], {
    env: { PATH: process.env.PATH, NODE_ENV: "production", HOST: "127.0.0.1", PORT: "0", SESSION_SECRET: TEST_SECRET, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
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
  return insertUser(
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
