/**
 * The HTTP server: production (`npm start`, `npm run demo`) serves the built app in build/;
 * development (`npm run dev`) runs Vite in middleware mode. Start-up problems stop the process with a
 * message that says what is wrong.
 */
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isAllowedRequest } from "./app/domain/origin";

type EntryModule = {
  bootstrap: () => Promise<{ databasePath: string; modules: number; demo: boolean; messages: string[] }>;
  autosaveRequest: (attemptId: string, cookie: string | undefined, body: AsyncIterable<Uint8Array>) => Promise<{ status: number; body: unknown }>;
};

const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "localhost";

async function main() {
  const vite = production
    ? undefined
    : await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));

  const loadBuild = async (): Promise<ServerBuild> =>
    vite
      ? ((await vite.ssrLoadModule("virtual:remix/server-build")) as ServerBuild)
      : ((await import(pathToFileURL(path.resolve("build/server/index.js")).href)) as ServerBuild);

  const build = await loadBuild();
  const entry = build.entry.module as unknown as EntryModule;
  const info = await entry.bootstrap();

  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY === "1") app.set("trust proxy", true);

  // Refuse state-changing requests from other origins before anything else sees them.
  app.use((req, res, next) => {
    const allowed = isAllowedRequest({
      method: req.method,
      host: req.headers.host,
      origin: req.headers.origin,
      secFetchSite: req.headers["sec-fetch-site"] as string | undefined,
    });
    if (allowed) return next();
    const message = "跨站请求已被拒绝 (cross-origin request refused)";
    // The autosave URL answers JSON, refusals included.
    if (/^\/attempts\/[^/]+\/save$/.test(req.path)) return void res.status(403).set("Cache-Control", "no-store").json({ ok: false, code: "crossOrigin", message });
    res.status(403).type("text/plain; charset=utf-8").send(message);
  });

  // Exam autosave: ONE handler (app/autosave.server.ts) in production and development, answered here
  // before the framework's request conversion (thousands of saves a second arrive during a sitting).
  // It reads the body itself (limit, JSON errors), so no body parser runs on this URL.
  const autosaveEntry = async (): Promise<EntryModule> => (vite ? ((await loadBuild()).entry.module as unknown as EntryModule) : entry);
  app.post("/attempts/:id/save", (req, res, next) => {
    autosaveEntry()
      .then((e) => e.autosaveRequest(req.params.id, req.headers.cookie, req))
      .then((r) => res.status(r.status).set("Cache-Control", "no-store").json(r.body))
      .catch(next);
  });
  app.use("/attempts/:id/save", (error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    console.error(error);
    res.status(500).set("Cache-Control", "no-store").json({ ok: false, code: "serverError", message: "服务器出错,答案未保存,将自动重试。" });
  });

  if (vite) {
    app.use(vite.middlewares);
  } else {
    app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
    app.use(express.static("build/client", { maxAge: "1h", index: false }));
  }

  app.all(
    "*",
    createRequestHandler({
      build: vite ? loadBuild : build,
      mode: production ? "production" : "development",
      getLoadContext: (req) => ({
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        nonce: production ? randomBytes(16).toString("base64") : undefined,
      }),
    }),
  );

  const server = app.listen(port, host, () => {
    const address = server.address();
    const actualPort = typeof address === "object" && address ? address.port : port;
    for (const m of info.messages) console.log(m);
    console.log(`客服学堂已启动:http://${host}:${actualPort}  (数据库 ${info.databasePath},${info.modules} 个课件模块)`);
  });
  server.keepAliveTimeout = 65_000;

  const shutdown = () => server.close(() => process.exit(0));
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`启动失败:${message}`);
  if (process.env.DEBUG) console.error(error);
  process.exit(1);
});
