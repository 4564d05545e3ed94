/**
 * Certificate codes: 20 characters of Crockford's base32 (100 random bits), printed in four groups of
 * five for reading aloud: `XXXXX-XXXXX-XXXXX-XXXXX`. Pure: the caller supplies the random bytes.
 *
 * The alphabet leaves out I, L, O and U. People typing a code from paper or a phone write what they
 * see, so `normaliseCertificateCode` accepts what Crockford's decoding rules accept: any case, spaces or
 * dashes anywhere (or none), full-width characters (a Chinese input method), and the letters the alphabet
 * excludes because they look like digits — O → 0, I and L → 1. U is not mapped (it looks like no digit
 * or letter of the alphabet) and is refused like any other stray character.
 */

export const CERTIFICATE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CERTIFICATE_CODE_LENGTH = 20;
const GROUP = 5;

/** 20 random bytes → a code. 256 is a multiple of 32, so `b % 32` is uniform. */
export function certificateCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < CERTIFICATE_CODE_LENGTH) throw new Error(`need ${CERTIFICATE_CODE_LENGTH} random bytes`);
  let s = "";
  for (let i = 0; i < CERTIFICATE_CODE_LENGTH; i++) s += CERTIFICATE_ALPHABET[bytes[i]! % 32];
  return groupCode(s);
}

function groupCode(plain: string): string {
  return plain.match(new RegExp(`.{1,${GROUP}}`, "g"))!.join("-");
}

/** Look-alikes the alphabet leaves out, read as the character they were meant to be. */
const LOOK_ALIKES: Record<string, string> = { O: "0", I: "1", L: "1" };

export type CodeProblem =
  /** Nothing but spaces and dashes. */
  | { kind: "empty" }
  /** A character that is not in the alphabet (after mapping look-alikes); `position` counts from 1 among the code's characters. */
  | { kind: "character"; char: string; position: number }
  /** The wrong number of characters. */
  | { kind: "length"; length: number };

export type NormalisedCode = { ok: true; code: string } | { ok: false; problem: CodeProblem };

/** Separators people type or paste between groups: spaces of every width, dashes, hyphens and dots. */
const SEPARATORS = /[\s\u00a0\u3000\-‐‑‒–—―－﹣·.。_]+/g;

/**
 * What a person typed → the canonical code (`XXXXX-XXXXX-XXXXX-XXXXX`), or what is wrong with it. The one
 * implementation used by the verify form, the /verify/:code URL, the printable page and the register search.
 */
export function normaliseCertificateCode(input: string): NormalisedCode {
  const compact = input.normalize("NFKC").replace(SEPARATORS, "").toUpperCase();
  if (!compact) return { ok: false, problem: { kind: "empty" } };
  let out = "";
  const chars = [...compact];
  for (let i = 0; i < chars.length; i++) {
    const c = LOOK_ALIKES[chars[i]!] ?? chars[i]!;
    if (!CERTIFICATE_ALPHABET.includes(c) || c.length !== 1) return { ok: false, problem: { kind: "character", char: chars[i]!, position: i + 1 } };
    out += c;
  }
  if (out.length !== CERTIFICATE_CODE_LENGTH) return { ok: false, problem: { kind: "length", length: out.length } };
  return { ok: true, code: groupCode(out) };
}

/** The canonical code, or null when the input cannot be one. */
export function canonicalCertificateCode(input: string): string | null {
  const r = normaliseCertificateCode(input);
  return r.ok ? r.code : null;
}
