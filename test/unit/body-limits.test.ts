import { describe, expect, it } from "vitest";
import { AUTOSAVE_BODY_LIMIT, bodyLimitFor, FORM_LIMIT, formatBytes, QUESTION_FORM_LIMIT, UPLOAD_FILE_LIMIT } from "~/domain/body-limits";

describe("request body limits per path", () => {
  it("autosave, uploads, question forms and every other form", () => {
    expect(bodyLimitFor("/attempts/abc/save")).toMatchObject({ bytes: AUTOSAVE_BODY_LIMIT, kind: "json" });
    for (const p of ["/trainer/questions/import", "/admin/users/import", "/trainer/cohorts/7", "/trainer/cohorts/7.data"])
      expect(bodyLimitFor(p), p).toMatchObject({ kind: "upload", shown: UPLOAD_FILE_LIMIT });
    expect(bodyLimitFor("/trainer/questions/import").bytes).toBeGreaterThan(UPLOAD_FILE_LIMIT);
    for (const p of ["/trainer/questions/new", "/trainer/questions/q-1", "/trainer/questions/preview.data"])
      expect(bodyLimitFor(p).bytes, p).toBe(QUESTION_FORM_LIMIT);
    for (const p of ["/login", "/_root.data", "/trainer/cohorts", "/exams/3", "/admin/policy"]) expect(bodyLimitFor(p), p).toMatchObject({ bytes: FORM_LIMIT, kind: "form" });
  });

  it("shows sizes as a person reads them", () => {
    expect(formatBytes(2 * 1024 * 1024)).toBe("2 MB");
    expect(formatBytes(64 * 1024)).toBe("64 KB");
    expect(formatBytes(500)).toBe("500 B");
  });
});
