/**
 * The server's log: pino, one JSON object per line on stdout (level from LOG_LEVEL). Request logs are
 * written by server.ts (one line per request) with this same logger. Nothing that identifies a secret is
 * logged: no cookies, no request bodies (passwords, answers), no Authorization header.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type Logger } from "pino";
import { getEnv } from "~/env.server";

const g = globalThis as unknown as { __kefuLogger?: Logger };

export function getLogger(): Logger {
  if (!g.__kefuLogger) {
    let level: string = "info";
    try {
      level = getEnv().LOG_LEVEL;
    } catch {
      // A bad environment is reported by whoever calls getEnv(); log it at the default level.
    }
    g.__kefuLogger = pino({
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]', "password", "*.password"],
        censor: "[redacted]",
      },
    });
  }
  return g.__kefuLogger;
}

/** Per request (server.ts runs each request in it): what the request log should say about it. */
export interface RequestLogStore {
  userId?: number;
}
const requestLog = new AsyncLocalStorage<RequestLogStore>();

export function runWithRequestLog<T>(store: RequestLogStore, fn: () => T): T {
  return requestLog.run(store, fn);
}

/** Noted when the session is read, so the request log can name the user. */
export function noteRequestUser(userId: number) {
  const store = requestLog.getStore();
  if (store) store.userId = userId;
}
