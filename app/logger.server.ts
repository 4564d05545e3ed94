/**
 * The server's log: pino, one JSON object per line on stdout (level from LOG_LEVEL). Request logs are
 * written by server.ts through pino-http with this same logger. Nothing that identifies a secret is
 * logged: no cookies, no request bodies (passwords, answers), no Authorization header.
 */
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

/** The signed-in user of a request, noted when the session is read, so the request log can name them. */
const requestUsers = new WeakMap<Request, number>();

export function noteRequestUser(request: Request, userId: number) {
  requestUsers.set(request, userId);
}

export function requestUserId(request: Request): number | undefined {
  return requestUsers.get(request);
}
