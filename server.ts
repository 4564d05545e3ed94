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
  autosaveFromHttp: (attemptId: string, cookie: string | undefined, text: string) => Promise<{ status: number; body: unknown }>;
  MAX_AUTOSAVE_BODY: number;
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
    res.status(403).type("text/plain; charset=utf-8").send("跨站请求已被拒绝 (cross-origin request refused)");
  });

  // Exam autosave fast path: the same code as the route /attempts/:id/save (app/autosave.server.ts),
  // without the framework's request conversion and routing, for thousands of saves a second.
  if (!vite) {
    app.post("/attempts/:id/save", express.text({ type: () => true, limit: entry.MAX_AUTOSAVE_BODY }), (req, res, next) => {
      entry
        .autosaveFromHttp(req.params.id, req.headers.cookie, typeof req.body === "string" ? req.body : "")
        .then((r) => res.status(r.status).set("Cache-Control", "no-store").json(r.body))
        .catch(next);
    });
  }

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
