/**
 * A trainer (or an imported file) puts script into a question: the stem, the options and the
 * explanation. Every place the bank shows it — the list, the edit page, an old version, the live
 * preview endpoint, the import preview — must show it as harmless text.
 */
import { exec, row } from "@db/client";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browserish, createUser, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let trainer: Browserish;

const SCRIPT = "<script>alert(1)</script>";
const IMG = "<img src=x onerror=alert(1)>";
const LINK = "[x](javascript:alert(1))";
const HOSTILE = `危险题干 ${SCRIPT} ${IMG}\n\n点这里 ${LINK}`;

beforeAll(async () => {
  server = await startServer();
  await createUser(server.db, { employeeNo: "T001", role: "trainer", password: "trainer-pass-1" });
  trainer = new Browserish(server.url);
  await trainer.login("T001", "trainer-pass-1");
});
afterAll(() => server?.stop());

function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
}

const FIELDS = {
  intent: "save",
  type: "single",
  stem: HOSTILE,
  "options.0.text": `甲 ${SCRIPT}`,
  "options.1.text": `乙 ${IMG}`,
  "options.2.text": `丙 ${LINK}`,
  correct: "1",
  explanation: `解析 ${SCRIPT} ${IMG} ${LINK}`,
};

const TAG = /<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
const ATTR = /\s([^\s=>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;

/**
 * Reads every start tag of the page the way a browser would (attribute values may contain anything,
 * e.g. the typed text in an input's value) and checks that none could run script: no <script> but ours
 * (they carry this response's nonce, and hold the loader data with the payload JSON-escaped as
 * \u003c…), no <img>/<svg>/<iframe>, no on* attribute, no javascript: URL.
 */
function expectHarmless(html: string) {
  const tags = [...html.matchAll(TAG)];
  expect(tags.length).toBeGreaterThan(50);
  for (const [whole, name, attrs] of tags) {
    const attributes = [...attrs.matchAll(ATTR)].map(([, n, v]) => [n.toLowerCase(), (v ?? "").replace(/^["']|["']$/g, "")] as const);
    if (name.toLowerCase() === "script") expect(attributes.some(([n]) => n === "nonce"), whole).toBe(true);
    expect(["img", "svg", "iframe", "object", "embed"], whole).not.toContain(name.toLowerCase());
    for (const [n, v] of attributes) {
      expect(n, whole).not.toMatch(/^on/);
      if (["href", "src", "action", "formaction"].includes(n)) expect(v.trim(), whole).not.toMatch(/^javascript:/i);
    }
  }
  // Whatever the tag reading missed: nothing that looks like the payload as markup.
  const withoutOurScripts = html.replace(/<script nonce="[^"]+"[^>]*>[\s\S]*?<\/script>/g, "");
  expect(withoutOurScripts).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<img/i);
  expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
}

describe("a hostile question", () => {
  // Saved by whichever test needs it first, so each test also passes alone.
  let saved: Promise<string> | undefined;
  const hostileQuestion = () =>
    (saved ??= (async () => {
      const res = await trainer.post("/trainer/questions/new", form(FIELDS));
      expect(res.status).toBe(302);
      return /\/trainer\/questions\/([^?]+)/.exec(res.headers.get("Location")!)![1];
    })());

  it("can be saved (the text is kept as typed)", async () => {
    const id = await hostileQuestion();
    const stored = (await row<{ stem: string }>(server.db, sql`select stem from question_versions where question_id = ${id}`))!;
    expect(stored.stem).toContain(SCRIPT);
  });

  it("is harmless on the list", async () => {
    const id = await hostileQuestion();
    const html = await (await trainer.get("/trainer/questions?q=危险题干")).text();
    expect(html).toContain(`data-question-id="${id}"`);
    expect(html).toContain("危险题干");
    expectHarmless(html);
  });

  it("is harmless on the edit page (form and rendered preview) and on an old version", async () => {
    const id = await hostileQuestion();
    const html = await (await trainer.get(`/trainer/questions/${id}`)).text();
    // Shown as text: in the textarea and in the rendered preview.
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain('data-testid="question-preview"');
    expectHarmless(html);

    const edited = await trainer.post(`/trainer/questions/${id}`, form({ ...FIELDS, stem: `${HOSTILE}\n\n第二版`, baseVersion: "1" }));
    expect(edited.status).toBe(200);
    expectHarmless(await edited.text());
    const old = await (await trainer.get(`/trainer/questions/${id}?version=1`)).text();
    expect(old).toContain('data-testid="old-version"');
    expect(old).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expectHarmless(old);
  });

  it("is harmless in the preview endpoint's JSON", async () => {
    const res = await trainer.post("/trainer/questions/preview", form(FIELDS));
    expect(res.status).toBe(200);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const text = await res.text();
    const body = JSON.parse(text) as { stem: string; explanation: string; options: { html: string }[] };
    expect(body.options).toHaveLength(3);
    for (const html of [body.stem, body.explanation, ...body.options.map((o) => o.html)]) {
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).not.toMatch(/\sonerror\s*=/i);
      expect(html).not.toMatch(/href\s*=\s*"?\s*javascript:/i);
    }
    expect(body.stem).toContain("&lt;script&gt;");
    expect(text).not.toContain("<script");
    expect(text).not.toContain(" onerror=");
    expect(text).not.toContain('href="javascript:');
  });

  it("is harmless in the import preview, from JSON and from GIFT", async () => {
    const json = JSON.stringify([
      {
        type: "single",
        stem: HOSTILE,
        options: [
          { id: "a", text: `甲 ${SCRIPT}` },
          { id: "b", text: `乙 ${IMG}` },
          { id: "c", text: `丙 ${LINK}` },
        ],
        answer: "b",
        explanation: `解析 ${SCRIPT} ${IMG}`,
        tags: [SCRIPT],
      },
      { type: "matching", stem: "配对 <b onmouseover=alert(1)>x</b>", answer: [[IMG, SCRIPT], ["左", LINK]] },
    ]);
    const gift = [
      `::<script>alert(1)</script>::[html]危险 GIFT ${IMG} ${SCRIPT} {`,
      `=对 ${IMG.replace(/=/g, "\\=")}`,
      `~错 ${SCRIPT}`,
      `####${LINK}`,
      "}",
      "",
    ].join("\n");
    for (const [text, name] of [
      [json, "hostile.json"],
      [gift, "hostile.gift"],
    ]) {
      const f = new FormData();
      f.set("intent", "upload");
      f.set("file", new Blob([text]), name);
      const up = await trainer.post("/trainer/questions/import", f);
      expect(up.status, name).toBe(302);
      const html = await (await trainer.get(up.headers.get("Location")!)).text();
      expect(html, name).toContain("&lt;script&gt;");
      expect(html, name).not.toContain('data-testid="import-errors"');
      expectHarmless(html);
    }
  });
});
