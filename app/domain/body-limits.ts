/**
 * How large a request body each endpoint accepts. The HTTP server refuses anything larger with 413
 * before reading it (Content-Length up front; bodies sent without one are counted as they arrive).
 * Uploads have their own limit, which their pages state (2 MB for the file, plus the form around it).
 */
export const KB = 1024;
export const MB = 1024 * KB;

/** The largest file an upload page accepts (question files, staff lists, cohort member lists). */
export const UPLOAD_FILE_LIMIT = 2 * MB;
/** Room for the multipart framing and the other fields of an upload form. */
const MULTIPART_OVERHEAD = 64 * KB;
/** One autosave request (JSON: one answer with its position and sequence number). */
export const AUTOSAVE_BODY_LIMIT = 8 * KB;
/** Question authoring (stem, options and explanation in Markdown). */
export const QUESTION_FORM_LIMIT = 256 * KB;
/** Every other form: sign-in, settings, exams, cohorts, practice answers… */
export const FORM_LIMIT = 64 * KB;

export type BodyKind = "form" | "upload" | "json";
export interface BodyLimit {
  bytes: number;
  kind: BodyKind;
  /** The figure to show a person (for uploads: the file limit the page states). */
  shown: number;
}

const UPLOADS = [/^\/trainer\/questions\/import$/, /^\/admin\/users\/import$/, /^\/trainer\/cohorts\/[^/]+$/];
const QUESTION_FORMS = [/^\/trainer\/questions\/new$/, /^\/trainer\/questions\/preview$/, /^\/trainer\/questions\/[^/]+$/];

/** The limit for a request path (a Remix data request `…/x.data` counts as `…/x`). */
export function bodyLimitFor(pathname: string): BodyLimit {
  let p = pathname.replace(/\.data$/, "").replace(/\/+$/, "") || "/";
  if (p === "/_root") p = "/";
  if (/^\/attempts\/[^/]+\/save$/.test(p)) return { bytes: AUTOSAVE_BODY_LIMIT, kind: "json", shown: AUTOSAVE_BODY_LIMIT };
  if (UPLOADS.some((r) => r.test(p))) return { bytes: UPLOAD_FILE_LIMIT + MULTIPART_OVERHEAD, kind: "upload", shown: UPLOAD_FILE_LIMIT };
  if (QUESTION_FORMS.some((r) => r.test(p))) return { bytes: QUESTION_FORM_LIMIT, kind: "form", shown: QUESTION_FORM_LIMIT };
  return { bytes: FORM_LIMIT, kind: "form", shown: FORM_LIMIT };
}

/** "2 MB", "64 KB", "500 B": bytes as a person reads them. */
export function formatBytes(bytes: number): string {
  if (bytes >= MB && bytes % MB === 0) return `${bytes / MB} MB`;
  if (bytes >= KB) return `${Math.round(bytes / KB)} KB`;
  return `${bytes} B`;
}
