/**
 * The HTTP server. Production (`npm start`, `npm run demo`) runs this file compiled to build/server.js
 * with plain `node`, serving the built app in build/; the process that runs it is the process that
 * listens. Development (`npm run dev`) runs it through tsx with Vite in middleware mode.
 *
 * Order of the layers: request log → health check → cross-origin refusal → shutdown refusal → body
 * size limit (413 before the body is read) → test clock (test mode only) → autosave fast path →
 * static files → the Remix app. SIGTERM/SIGINT: stop accepting, stop the sweep, let requests in
 * flight finish (at most SHUTDOWN_GRACE_MS), checkpoint and close the database, exit 0.
 */
import type { ServerBuild } from "@remix-run/node";
import { createRequestHandler as createRemixHandler, writeReadableStreamToWritable } from "@remix-run/node";
import express, { type NextFunction, type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Logger } from "pino";
import { isAllowedRequest } from "./app/domain/origin";

interface BodyLimit {
  bytes: number;
  kind: "form" | "upload" | "json";
  shown: number;
}

type MaybePromise<T> = T | Promise<T>;

/** What the server build's entry module (app/entry.server.tsx) exports for this file. */
type EntryModule = {
  bootstrap: () => Promise<{ databasePath: string; engine: "sqlite" | "postgres"; modules: number; demo: boolean; messages: string[] }>;
  autosaveRequest: (attemptId: string, cookie: string | undefined, body: AsyncIterable<Uint8Array> | null) => Promise<{ status: number; body: unknown; userId?: number }>;
  getEnv: () => { PORT: number; HOST: string; trustProxy: false | number | string[]; testClock: boolean };
  getLogger: () => Logger;
  runWithRequestLog: <T>(store: { userId?: number }, fn: () => T) => T;
  // These may answer now or later (the data layer is asynchronous): the server awaits them either way.
  health: () => MaybePromise<{ status: number; body: unknown }>;
  closeApp: () => MaybePromise<{ checkpointed: boolean }>;
  stopBackgroundJobs: () => MaybePromise<void>;
  controlTestClock: (body: unknown) => MaybePromise<{ status: number; body: unknown }>;
  bodyLimitFor: (pathname: string) => BodyLimit;
  tooLargeMessage: (cookie: string | undefined, limit: BodyLimit) => Promise<{ message: string; back: string }>;
  shuttingDownMessage: (cookie: string | undefined) => Promise<string>;
};

/** A refused body up to this size is read and discarded so the client sees the 413; beyond, the connection is closed. */
const DRAIN_MAX_BYTES = 32 * 1024 * 1024;

/** How long a graceful shutdown waits for requests in flight before closing their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

const built = process.env.NODE_ENV === "production" || process.env.NODE_ENV === "test";

type Req = ExpressRequest & { rawBody?: Buffer };

async function main() {
  const vite = built ? undefined : await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));

  const loadBuild = async (): Promise<ServerBuild> =>
    vite
      ? ((await vite.ssrLoadModule("virtual:remix/server-build")) as ServerBuild)
      : ((await import(pathToFileURL(path.resolve("build/server/index.js")).href)) as ServerBuild);

  const build = await loadBuild();
  const entry = build.entry.module as unknown as EntryModule;
  const env = entry.getEnv();
  const log = entry.getLogger();
  const info = await entry.bootstrap();

  let shuttingDown = false;
  const app = express();
  app.disable("x-powered-by");
  // Only the proxies the operator named (hop count or addresses) may tell us the client's address.
  app.set("trust proxy", env.trustProxy);

  // One JSON line per request, written by pino when the response ends: request id, method, route (the
  // path, never the query string), client address, status, duration, user. Never headers (cookies) or
  // bodies (passwords, answers). The client's X-Request-Id is kept if it is plain, else one is made.
  app.use((req, res, next) => {
    const given = req.headers["x-request-id"];
    const id = typeof given === "string" && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
    res.setHeader("X-Request-Id", id);
    if (req.url === "/healthz") return next();
    const started = Date.now();
    const done = (aborted: boolean) => {
      res.off("finish", finished);
      res.off("close", closed);
      const route = (req.originalUrl ?? req.url ?? "").split("?")[0];
      const userId = res.locals.userId as number | undefined;
      const line = {
        req: { id, method: req.method, route, ip: req.ip },
        res: { statusCode: res.statusCode },
        responseTime: Date.now() - started,
        ...(userId === undefined ? {} : { userId }),
      };
      if (aborted) log.error({ ...line, err: new Error("request aborted") }, `${req.method} ${route} ${res.statusCode} aborted`);
      else if (res.statusCode >= 500) log.error(line, `${req.method} ${route} ${res.statusCode}`);
      else log.info(line, `${req.method} ${route} ${res.statusCode} ${line.responseTime}ms`);
    };
    const finished = () => done(false);
    const closed = () => done(!res.writableFinished);
    res.on("finish", finished);
    res.on("close", closed);
    next();
  });

  // Health: 200 with the version and database status while the app can serve, 503 otherwise.
  app.get("/healthz", (_req, res, next) => {
    const answer = async () =>
      shuttingDown ? { status: 503, body: { status: "unavailable", database: "closing", shuttingDown: true } } : await entry.health();
    answer()
      .then((h) => void res.status(h.status).set("Cache-Control", "no-store").json(h.body))
      .catch(next);
  });

  // Refuse state-changing requests from other origins before anything else sees them.
  app.use((req, res, next) => {
    const allowed = isAllowedRequest({
      method: req.method,
      host: req.headers.host,
      origin: req.headers.origin,
      secFetchSite: req.headers["sec-fetch-site"] as string | undefined,
    });
    if (allowed) return next();
    const message = "跨站请求已被拒绝（cross-origin request refused）";
    // The autosave URL answers JSON, refusals included.
    if (/^\/attempts\/[^/]+\/save$/.test(req.path)) return void res.status(403).set("Cache-Control", "no-store").json({ ok: false, code: "crossOrigin", message });
    res.status(403).type("text/plain; charset=utf-8").send(message);
  });

  // While shutting down: no new work; the page's autosave keeps the answer and retries.
  app.use((req, res, next) => {
    if (!shuttingDown) return next();
    void entry.shuttingDownMessage(req.headers.cookie).then((message) => {
      res.status(503).set({ Connection: "close", "Retry-After": "5", "Cache-Control": "no-store" });
      if (wantsJson(req)) res.json({ ok: false, code: "shuttingDown", message });
      else res.type("text/plain; charset=utf-8").send(message);
    });
  });

  // Body size: each path has its limit (app/domain/body-limits.ts); refused with 413 before reading.
  app.use((req: Req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const limit = entry.bodyLimitFor(req.path);
    const declared = req.headers["content-length"];
    if (declared !== undefined && !(Number(declared) <= limit.bytes)) return void refuseTooLarge(req, res, limit, Number(declared) || Infinity);
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on("data", (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit.bytes) {
        // Sent without Content-Length (or a false one): counted as it arrives, refused at the limit.
        settled = true;
        chunks.length = 0;
        return void refuseTooLarge(req, res, limit);
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (settled) return;
      settled = true;
      req.rawBody = Buffer.concat(chunks, size);
      next();
    });
    req.on("error", (error) => {
      if (settled) return;
      settled = true;
      next(error);
    });
  });

  /**
   * 413 at once, before the body is read into memory. The rest of the body is then read and thrown away
   * (up to DRAIN_MAX_BYTES), so the client, still sending, gets to read the answer instead of a reset
   * connection; anything declared larger gets the answer and the connection is closed.
   */
  async function refuseTooLarge(req: Req, res: ExpressResponse, limit: BodyLimit, declared?: number) {
    const { message, back } = await entry.tooLargeMessage(req.headers.cookie, limit);
    res.status(413).set("Cache-Control", "no-store");
    if (declared !== undefined && declared > DRAIN_MAX_BYTES) {
      res.set("Connection", "close");
      res.on("finish", () => req.socket.destroy());
    } else {
      let drained = 0;
      req.on("data", (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > DRAIN_MAX_BYTES) req.socket.destroy();
      });
      req.resume();
    }
    if (wantsJson(req) || limit.kind === "json") res.json({ ok: false, code: "tooLarge", message, limit: limit.shown });
    else
      res
        .type("text/html; charset=utf-8")
        .send(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>413</title><body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><p role="alert">${escapeHtml(message)}</p><p><a href="${escapeHtml(req.headers.referer && sameOrigin(req.headers.referer, req.headers.host) ? req.headers.referer : "/")}">${escapeHtml(back)}</a></p></body></html>`);
  }

  // Test mode only (NODE_ENV=test and KEFU_TEST_CLOCK=1; env.server.ts refuses it anywhere else).
  if (env.testClock) {
    app.post("/__test/clock", (req: Req, res, next) => {
      let body: unknown = {};
      try {
        body = req.rawBody?.length ? JSON.parse(req.rawBody.toString("utf8")) : {};
      } catch {
        return void res.status(400).json({ ok: false, message: "JSON 无效" });
      }
      Promise.resolve(entry.controlTestClock(body))
        .then((r) => void res.status(r.status).json(r.body))
        .catch(next);
    });
  }

  // Exam autosave: ONE handler (app/autosave.server.ts) in production and development, answered here
  // before the framework's request conversion (thousands of saves a second arrive during a sitting).
  // The body-limit layer above has read the body (8 KB); the handler parses it (JSON errors always).
  const autosaveEntry = async (): Promise<EntryModule> => (vite ? ((await loadBuild()).entry.module as unknown as EntryModule) : entry);
  app.post("/attempts/:id/save", (req: Req, res, next) => {
    const raw = req.rawBody;
    const body = (async function* () {
      if (raw?.length) yield new Uint8Array(raw);
    })();
    autosaveEntry()
      .then((e) => e.autosaveRequest(req.params.id, req.headers.cookie, body))
      .then((r) => {
        if (r.userId !== undefined) res.locals.userId = r.userId;
        res.status(r.status).set("Cache-Control", "no-store").json(r.body);
      })
      .catch(next);
  });
  app.use("/attempts/:id/save", (error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    log.error({ err: error }, "autosave failed");
    res.status(500).set("Cache-Control", "no-store").json({ ok: false, code: "serverError", message: "服务器出错，答案未保存，将自动重试。" });
  });

  if (vite) {
    app.use(vite.middlewares);
  } else {
    app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
    app.use(express.static("build/client", { maxAge: "1h", index: false }));
  }

  // The Remix app, fed the body the limit above has already read.
  const handleRemix = createRemixHandler(vite ? loadBuild : build, built ? "production" : "development");
  app.all("*", async (req: Req, res, next) => {
    try {
      const controller = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      const hostPort = Number.parseInt(req.get("host")?.split(":")[1] ?? "", 10);
      const url = new URL(`${req.protocol}://${req.hostname}${Number.isSafeInteger(hostPort) ? `:${hostPort}` : ""}${req.originalUrl}`);
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const request = new Request(url.href, {
        method: req.method,
        headers: createRemixHeaders(req.headers),
        signal: controller.signal,
        body: hasBody ? bytesOf(req.rawBody) : undefined,
      });
      const logStore: { userId?: number } = {};
      const response = await entry.runWithRequestLog(logStore, () =>
        handleRemix(request, {
          clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
          nonce: built ? randomBytes(16).toString("base64") : undefined,
        }),
      );
      if (logStore.userId !== undefined) res.locals.userId = logStore.userId;
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  });

  // Start-up and shutdown lines are written at LOG_LEVEL=warn and error too (not with silent).
  // SQLite only (PostgreSQL: databasePath is the address without its password, and restores are pg_restore's job).
  const pidFile = info.engine === "sqlite" ? `${path.resolve(info.databasePath)}.pid` : undefined;
  const lifecycle = log.level === "silent" ? log : log.child({}, { level: "info" });
  const server = app.listen(env.PORT, env.HOST, () => {
    const address = server.address();
    const actualPort = typeof address === "object" && address ? address.port : env.PORT;
    for (const m of info.messages) lifecycle.info(m);
    // While this process serves the database, `npm run db:restore` refuses to replace it.
    if (pidFile) fs.writeFileSync(pidFile, `${process.pid}\n`, { mode: 0o600 });
    lifecycle.info(
      { url: `http://${env.HOST}:${actualPort}`, database: info.databasePath, modules: info.modules },
      `客服学堂已启动：http://${env.HOST}:${actualPort}（数据库 ${info.databasePath}，${info.modules} 个课件模块）`,
    );
  });
  server.keepAliveTimeout = 65_000;

  // --- Graceful shutdown ---------------------------------------------------------------------
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return void lifecycle.warn({ signal }, "已在停止中");
    shuttingDown = true;
    const startedAt = Date.now();
    lifecycle.info({ signal, graceMs: SHUTDOWN_GRACE_MS }, `收到 ${signal}：停止接受新连接，等待进行中的请求完成`);
    // The sweep stops taking new work now; one already running finishes before the database closes.
    const jobsStopped = Promise.resolve(entry.stopBackgroundJobs()).catch((error: unknown) => log.error({ err: error }, "停止后台任务出错"));
    const force = setTimeout(() => {
      log.warn({ graceMs: SHUTDOWN_GRACE_MS }, "仍有请求未完成，强制关闭连接");
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    server.close(async () => {
      clearTimeout(force);
      if (pidFile) fs.rmSync(pidFile, { force: true });
      void (async () => {
        let code = 0;
        try {
          await jobsStopped;
          const { checkpointed } = await entry.closeApp();
          lifecycle.info({ ms: Date.now() - startedAt, checkpointed }, "已停止：数据库已关闭");
        } catch (error) {
          code = 1;
          log.error({ err: error }, "关闭数据库出错");
        }
        process.exit(code);
      })();
    });
    // Keep-alive connections with nothing in flight go now; busy ones as soon as their answer is out.
    server.closeIdleConnections();
  };
  server.on("request", (_req, res: import("node:http").ServerResponse) => {
    res.on("finish", () => {
      if (shuttingDown) setImmediate(() => server.closeIdleConnections());
    });
  });
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

function bytesOf(b: Buffer | undefined): ArrayBuffer {
  if (!b) return new ArrayBuffer(0);
  const copy = new ArrayBuffer(b.byteLength);
  new Uint8Array(copy).set(b);
  return copy;
}

/** Node's request headers as a Fetch Headers object (as @remix-run/express does). */
function createRemixHeaders(requestHeaders: import("node:http").IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(requestHeaders)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  return headers;
}

/** Write the app's Fetch Response to Express (as @remix-run/express does). */
async function sendRemixResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.headers.get("Content-Type")?.match(/text\/event-stream/i)) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

function wantsJson(req: ExpressRequest): boolean {
  return /\/save$/.test(req.path) || (req.headers.accept ?? "").includes("application/json") || (req.headers["content-type"] ?? "").includes("application/json");
}

function sameOrigin(url: string, host: string | undefined): boolean {
  try {
    return new URL(url).host === host;
  } catch {
    return false;
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`启动失败：${message}`);
  if (process.env.DEBUG) console.error(error);
  process.exit(1);
});
