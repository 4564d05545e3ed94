/** What a response shows, for tests that must check the page and not only the status code. */
import { expect } from "vitest";

/** The page's main heading (first <h1>), as text. */
export function heading(html: string): string | null {
  const m = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html);
  return m ? m[1].replace(/<!-- -->/g, "").replace(/<[^>]+>/g, "").trim() : null;
}

/**
 * A 403 that says so: a page request shows the refusal page (heading 没有权限), a file or data
 * endpoint answers the same words as text.
 */
export async function expectForbidden(res: Response, where: string): Promise<void> {
  expect(res.status, where).toBe(403);
  const body = await res.text();
  if (/^text\/html/.test(res.headers.get("content-type") ?? "")) expect(heading(body), where).toBe("没有权限");
  expect(body, where).toContain("没有权限");
}

/** A redirect to the sign-in page whose return address is exactly the page asked for (`path`: as requested). */
export function expectSignIn(res: Response, path: string, base = "http://x"): void {
  expect(res.status, path).toBe(302);
  const asked = new URL(path, base);
  expect(res.headers.get("location"), path).toBe(`/login?redirectTo=${encodeURIComponent(asked.pathname + asked.search)}`);
}
