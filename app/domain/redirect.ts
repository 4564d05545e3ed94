/**
 * Where to send someone after signing in or switching the language: only a path on our own site.
 * The value is resolved with the WHATWG URL parser (what browsers use for a Location header) against a
 * placeholder origin; anything that lands elsewhere, or that a browser would read differently from us
 * (control characters, tabs, CR/LF, backslashes, whitespace, "//host"), gives the fallback. Never throws.
 */
const BASE = "https://kefu.invalid";
/** C0 and C1 controls, DEL, any whitespace (browsers strip tab/CR/LF inside URLs) and backslashes. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\\\s]/;
const MAX_LENGTH = 2048;

export function safeRedirectPath(to: unknown, fallback = "/dashboard"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > MAX_LENGTH) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || UNSAFE.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  // "/.//evil.example" normalises to the path "//evil.example", which a browser reads as a host.
  if (url.pathname.startsWith("//") || url.pathname.includes("\\")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * The path of a Referer header on this site (`ownHost`, host[:port] as in the Host header; the scheme is
 * not compared, as a TLS-terminating proxy may stand in front), or the fallback when it is missing,
 * malformed or from another host.
 */
export function refererPath(referer: string | null | undefined, ownHost: string, fallback = "/"): string {
  if (!referer) return fallback;
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return fallback;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.host !== ownHost) return fallback;
  return safeRedirectPath(`${url.pathname}${url.search}`, fallback);
}
