import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "~/components/nonce";
import { getLogger } from "~/logger.server";

export { bootstrap } from "~/bootstrap.server";
export { autosaveRequest } from "~/autosave.server";
// For server.ts (same module instances as the app: one database handle, one clock, one logger).
export { getEnv } from "~/env.server";
export { getLogger, runWithRequestLog } from "~/logger.server";
export { closeApp, controlTestClock, health } from "~/ops.server";
export { stopBackgroundJobs } from "~/bootstrap.server";
export { bodyLimitFor, shuttingDownMessage, tooLargeMessage } from "~/body-limit.server";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

/** Security headers on every document. The CSP allows only our own scripts plus the inline ones Remix
 *  writes, which carry this request's nonce; so script a trainer managed to inject could not run. */
function securityHeaders(headers: Headers, nonce: string | undefined) {
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Referrer-Policy", "same-origin");
  if (nonce) {
    headers.set(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
  }
}

/**
 * React 18.3's renderToPipeableStream can leave 0x00 bytes where a multi-byte character meets the end
 * of its internal 2 KB chunk (react/react#31134), which with Chinese text happens on most pages. A NUL
 * byte never belongs in our HTML (and never occurs inside a UTF-8 sequence), so the stream drops them.
 */
function withoutNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (!chunk.includes(0)) return callback(null, chunk);
      const out = Buffer.allocUnsafe(chunk.length);
      let n = 0;
      for (const byte of chunk) if (byte !== 0) out[n++] = byte;
      callback(null, out.subarray(0, n));
    },
  });
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as { nonce?: string }).nonce;
  const bot = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [bot ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = withoutNulBytes();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          securityHeaders(responseHeaders, nonce);
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) getLogger().error({ err: error }, "render error");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  getLogger().error({ err: error, url: new URL(request.url).pathname }, "request error");
}
