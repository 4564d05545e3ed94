/** Certificate codes: generation from bytes and the one normalising function the verify form and URL use. */
import { describe, expect, it } from "vitest";
import { CERTIFICATE_ALPHABET, canonicalCertificateCode, certificateCodeFromBytes, normaliseCertificateCode } from "~/domain/certificate-code";

const CODE = "7K3QX-0M1PZ-VW4RT-8H2NC";

describe("certificateCodeFromBytes", () => {
  it("makes four groups of five characters of the alphabet, uniformly from bytes", () => {
    const code = certificateCodeFromBytes(Uint8Array.from({ length: 20 }, (_, i) => i * 13));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    expect(certificateCodeFromBytes(new Uint8Array(20).fill(0))).toBe("00000-00000-00000-00000");
    expect(certificateCodeFromBytes(new Uint8Array(20).fill(255))).toBe("ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ");
    expect(certificateCodeFromBytes(new Uint8Array(20).fill(32 + 18))).toBe("JJJJJ-JJJJJ-JJJJJ-JJJJJ");
  });
  it("never uses I, L, O or U", () => {
    for (const c of "ILOU") expect(CERTIFICATE_ALPHABET).not.toContain(c);
    expect(CERTIFICATE_ALPHABET).toHaveLength(32);
  });
  it("refuses too few bytes", () => {
    expect(() => certificateCodeFromBytes(new Uint8Array(19))).toThrow();
  });
});

describe("normaliseCertificateCode", () => {
  it("keeps a canonical code as it is", () => {
    expect(normaliseCertificateCode(CODE)).toEqual({ ok: true, code: CODE });
  });
  it("accepts no dashes, spaces, lower case, and mixed separators", () => {
    for (const typed of ["7K3QX0M1PZVW4RT8H2NC", "7k3qx 0m1pz vw4rt 8h2nc", "  7k3qx-0m1pz  vw4rt—8h2nc ", "7K3Q X0M1 PZVW 4RT8 H2NC", "7K3QX.0M1PZ.VW4RT.8H2NC"]) {
      expect(normaliseCertificateCode(typed), typed).toEqual({ ok: true, code: CODE });
    }
  });
  it("reads the excluded look-alikes as the digits they resemble: O → 0, I and L → 1", () => {
    expect(canonicalCertificateCode("7K3QX-OMIPZ-VW4RT-8H2NC")).toBe(CODE);
    expect(canonicalCertificateCode("7k3qx-omlpz-vw4rt-8h2nc")).toBe(CODE);
    expect(canonicalCertificateCode("7K3QXoMiPZVW4RT8H2NC")).toBe(CODE);
  });
  it("accepts full-width characters from a Chinese input method", () => {
    expect(canonicalCertificateCode("７Ｋ３ＱＸ－０Ｍ１ＰＺ　ＶＷ４ＲＴ－８Ｈ２ＮＣ")).toBe(CODE);
  });
  it("says what is wrong: empty, a stray character and where, or the wrong length", () => {
    expect(normaliseCertificateCode("  - ")).toEqual({ ok: false, problem: { kind: "empty" } });
    expect(normaliseCertificateCode("7K3QX-0M1PZ-VW4RU-8H2NC")).toEqual({ ok: false, problem: { kind: "character", char: "U", position: 15 } });
    expect(normaliseCertificateCode("7K3QX-0M1PZ-VW4R*-8H2NC")).toEqual({ ok: false, problem: { kind: "character", char: "*", position: 15 } });
    expect(normaliseCertificateCode("<script>")).toMatchObject({ ok: false, problem: { kind: "character", char: "<", position: 1 } });
    expect(normaliseCertificateCode("7K3QX-0M1PZ")).toEqual({ ok: false, problem: { kind: "length", length: 10 } });
    expect(normaliseCertificateCode("7K3QX-0M1PZ-VW4RT-8H2NC-1")).toEqual({ ok: false, problem: { kind: "length", length: 21 } });
    expect(canonicalCertificateCode("张三")).toBeNull();
  });
});
