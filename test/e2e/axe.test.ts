/**
 * axe-core on every main page, as each role (signed out, learner, trainer, admin), at desktop (1280 px)
 * and phone (360 px) widths: no serious and no critical violations. The server runs in demo mode, so the
 * pages have real content (the demo exams, the 60-learner cohort with its attempts and certificates).
 *
 * Adding a page is one line in PAGES. `{name}` in a path is filled in by the resolver of that name
 * (found from the pages themselves, once, when first needed), so each case also passes when run alone.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { certificates } from "@db/schema";
import { launchBrowser } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

type Role = "signed-out" | "learner" | "trainer" | "admin";

/** [role, path, expected HTTP status (default 200)]. */
const PAGES: [Role, string, number?][] = [
  ["signed-out", "/login"],
  ["signed-out", "/verify/{certificate}"],
  ["signed-out", "/no-such-page", 404],
  ["learner", "/dashboard"],
  ["learner", "/modules"],
  ["learner", "/modules/sla"],
  ["learner", "/search?q=投诉"],
  ["learner", "/practice"],
  ["learner", "/practice/sla"],
  ["learner", "/practice/drill"],
  ["learner", "/exams"],
  ["learner", "/exams/{learnerExam}"],
  ["learner", "/assignments"],
  ["learner", "/attempts/{attempt}"],
  ["learner", "/attempts/{result}/result"],
  ["learner", "/trainer", 403],
  ["learner", "/no-such-page", 404],
  ["trainer", "/dashboard"],
  ["trainer", "/trainer"],
  ["trainer", "/trainer/questions"],
  ["trainer", "/trainer/questions/new"],
  ["trainer", "/trainer/questions/{question}"],
  ["trainer", "/trainer/questions/import"],
  ["trainer", "/trainer/exams"],
  ["trainer", "/trainer/exams/new"],
  ["trainer", "/trainer/exams/{cohortExam}"],
  ["trainer", "/trainer/exams/{cohortExam}/attempts"],
  ["trainer", "/trainer/exams/{cohortExam}/analysis"],
  ["trainer", "/trainer/exams/{cohortExam}/preview"],
  ["trainer", "/trainer/attempts/{answerSheet}"],
  ["trainer", "/trainer/cohorts"],
  ["trainer", "/trainer/cohorts/{cohort}"],
  ["trainer", "/trainer/cohorts/{cohort}/results"],
  ["trainer", "/trainer/certificates"],
  ["trainer", "/certificates/{certificate}"],
  ["trainer", "/admin/users", 403],
  ["admin", "/dashboard"],
  ["admin", "/admin/users"],
  ["admin", "/admin/users/import"],
  ["admin", "/admin/policy"],
];

const WIDTHS = [1280, 360];
const ERROR_TITLES: Record<number, string> = { 403: "没有权限", 404: "页面不存在" };
/** The demo accounts' password (demo mode only). */
const DEMO_PASSWORD = "kefu-demo";
const COHORT_EXAM = "新员工结业考试（演示数据）";
const LEARNER_EXAM = "客服基础认证考试";

let server: TestServer;
let browser: Browser;
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core"), "utf8");

// Demo mode seeds a cohort of 60 learners sitting the exam before the server listens: ~12 s on SQLite,
// ~35 s on PostgreSQL on this shared 2-core machine (one round trip per statement), so allow 90 s.
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ env: { KEFU_DEMO: "1", SESSION_SECRET: "" }, startTimeoutMs: 90_000 }), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Runs `make` once; later calls get the same promise. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= make());
}

/** A browser context (CSP bypassed so axe's source can be injected) signed in as an account. */
async function signedIn(employeeNo: string | null, password = DEMO_PASSWORD): Promise<BrowserContext> {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
  if (employeeNo) {
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel("工号").fill(employeeNo);
    await page.getByLabel("密码").fill(password);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL(/\/dashboard$/);
    await page.close();
  }
  return context;
}

const contexts: Record<Role, () => Promise<BrowserContext>> = {
  "signed-out": once(() => signedIn(null)),
  learner: once(() => signedIn("learner")),
  trainer: once(() => signedIn("trainer")),
  admin: once(() => signedIn("admin")),
};

/** The href of the link named `name` on `path`, as `role` sees it. */
async function hrefOf(role: Role, path: string, name: string | RegExp, pattern: RegExp): Promise<string> {
  const page = await (await contexts[role]()).newPage();
  try {
    await page.goto(server.url + path);
    const hrefs = await page.getByRole("link", { name }).evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    const href = hrefs.find((h) => pattern.test(h));
    if (!href) throw new Error(`${path}: no link ${String(name)} matching ${pattern} (found ${hrefs.join(", ") || "none"})`);
    return decodeURIComponent(pattern.exec(href)![1]);
  } finally {
    await page.close();
  }
}

/** The demo learner starts the demo exam (3 attempts allowed): the page at the attempt and its id. */
async function startAttempt(): Promise<{ id: string; page: Page }> {
  const page = await (await contexts.learner()).newPage();
  await page.goto(`${server.url}/exams/${await resolvers.learnerExam()}`);
  await page.getByRole("button", { name: "开始考试" }).click();
  await page.waitForURL(/\/attempts\/[\w-]+$/);
  await page.locator('[data-testid="attempt-page"][data-ready="true"]').waitFor();
  return { id: new URL(page.url()).pathname.split("/").pop()!, page };
}

const resolvers: Record<string, () => Promise<string>> = {
  learnerExam: once(() => hrefOf("learner", "/exams", LEARNER_EXAM, /^\/exams\/(\d+)$/)),
  cohortExam: once(() => hrefOf("trainer", "/trainer/exams", COHORT_EXAM, /^\/trainer\/exams\/(\d+)$/)),
  question: once(() => hrefOf("trainer", "/trainer/questions", /./, /^\/trainer\/questions\/(?!(?:new|import|export|preview)$)([^/?]+)$/)),
  cohort: once(() => hrefOf("trainer", "/trainer/cohorts", /./, /^\/trainer\/cohorts\/(\d+)$/)),
  /** One of the demo cohort's certificates. */
  certificate: once(async () => {
    const [row] = await server.db.select({ code: certificates.code }).from(certificates).limit(1);
    if (!row) throw new Error("the demo data holds no certificate");
    return row.code;
  }),
  answerSheet: once(async () => hrefOf("trainer", `/trainer/cohorts/${await resolvers.cohort()}/results`, /./, /^\/trainer\/attempts\/([\w-]+)\?cohort=\d+$/)),
  /** An attempt in progress, started after the submitted one below (one attempt in progress at a time). */
  attempt: once(async () => {
    await resolvers.result();
    const { id, page } = await startAttempt();
    await page.close();
    return id;
  }),
  /** A submitted attempt. */
  result: once(async () => {
    const { id, page } = await startAttempt();
    await page.getByTestId("open-submit").click();
    await page.getByTestId("submit-dialog").getByRole("button", { name: "确认交卷" }).click();
    await page.waitForURL(/\/result$/);
    await page.close();
    return id;
  }),
};

async function resolve(path: string): Promise<string> {
  let out = path;
  for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
    const make = resolvers[name];
    if (!make) throw new Error(`no resolver for {${name}} in ${path}`);
    out = out.replace(`{${name}}`, encodeURIComponent(await make()));
  }
  return out;
}

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/** Serious and critical violations, one readable block each. */
function describeViolations(violations: AxeViolation[]): string[] {
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes
          .slice(0, 8)
          .map((n) => `    at ${n.target.map(String).join(" ")}\n       ${n.html.slice(0, 200)}\n       ${(n.failureSummary ?? "").replace(/\n/g, "\n       ")}`)
          .join("\n") +
        (v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : ""),
    );
}

/** Runs axe in the page (its source injected first) and returns the serious and critical violations, readable. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, {
      resultTypes: ["violations"],
      // Experimental, so off by default: a control's name must contain its visible text (WCAG 2.5.3).
      rules: { "label-content-name-mismatch": { enabled: true } },
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })) }));
  });
  return describeViolations(violations);
}

describe("axe: no serious or critical violations", () => {
  for (const [role, template, status = 200] of PAGES) {
    it(`${role} ${template} (${WIDTHS.join(" and ")} px)`, async () => {
      const path = await resolve(template);
      const page = await (await contexts[role]()).newPage();
      try {
        const found: string[] = [];
        for (const [i, width] of WIDTHS.entries()) {
          await page.setViewportSize({ width, height: width < 600 ? 740 : 800 });
          if (i === 0) {
            const res = await page.goto(server.url + path);
            expect(res?.status(), `${path}: status`).toBe(status);
            // The page we meant, not a redirect to another one.
            expect(new URL(page.url()).pathname, path).toBe(new URL(path, server.url).pathname);
            await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
            // An error page is titled by the error.
            if (status in ERROR_TITLES) expect(await page.title(), path).toBe(`${ERROR_TITLES[status]} · 客服学堂`);
          } else {
            // The same page laid out at the next width (the layout is CSS and ResizeObserver; nothing to reload).
            await page.waitForFunction((w) => window.innerWidth === w, width);
            // Two frames: resize observers have run and React has committed what they changed.
            await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
          }
          for (const v of await seriousViolations(page)) found.push(`[${width}px] ${v}`);
        }
        expect(found.length, `${role} ${path}:\n${found.join("\n")}\n`).toBe(0);
      } finally {
        await page.close();
      }
    });
  }
});
