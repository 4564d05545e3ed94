/**
 * Headers of every file download (CSV exports, the question bank export): always `attachment` (the
 * browser saves, never renders), `nosniff` (never guesses a type other than the one we send) and
 * `no-store`. The file name has an ASCII fallback and the real (Chinese) one per RFC 6266 / 5987.
 */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
/** Only characters that are safe inside a quoted header parameter. */
const asciiSafe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, "_");

export function downloadHeaders(contentType: string, asciiName: string, utf8Name: string = asciiName): Record<string, string> {
  return {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${asciiSafe(asciiName)}"; filename*=UTF-8''${rfc5987(utf8Name)}`,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
  };
}

export const CSV_TYPE = "text/csv; charset=utf-8";
