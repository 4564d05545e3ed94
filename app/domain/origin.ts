/**
 * Cross-origin refusal for state-changing requests. Browsers send `Origin` on every cross-origin POST
 * and on same-origin POSTs too (all modern ones), and `Sec-Fetch-Site`. A request that changes state is
 * accepted only when one of them proves it came from our own pages.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface OriginCheckInput {
  method: string;
  /** Host header as received (host[:port]). */
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
}

export function isAllowedRequest({ method, host, origin, secFetchSite }: OriginCheckInput): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  if (secFetchSite && secFetchSite !== "same-origin" && secFetchSite !== "none") return false;
  if (origin && origin !== "null") {
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  if (origin === "null") return false;
  // No Origin header: not a browser form post from another site (those always carry Origin), e.g. a
  // command-line client. Sec-Fetch-Site, if present, was checked above.
  return true;
}
