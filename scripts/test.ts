/**
 * npm test — the whole suite: content check, type check, production build, then vitest (unit,
 * integration on real SQLite and the built server, end-to-end in Chromium). Ends with one plain line
 * "Tests: N passed, N failed" and a non-zero exit code if anything failed.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const bin = (p: string) => path.resolve("node_modules", p);
const steps: [string, string[]][] = [
  ["课件检查 content:check", [bin("tsx/dist/cli.mjs"), "scripts/content-check.ts"]],
  ["类型检查 typecheck", [bin("typescript/bin/tsc"), "--noEmit"]],
  ["构建 build", [bin("@remix-run/dev/dist/cli.js"), "vite:build"]],
];
for (const [name, args] of steps) {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(process.execPath, args, { stdio: "inherit" });
  if (r.status !== 0) {
    console.log(`\n${name} 失败`);
    console.log("Tests: 0 passed, 1 failed");
    process.exit(r.status ?? 1);
  }
}

const report = path.resolve("test-results/vitest.json");
fs.rmSync(report, { force: true });
console.log("\n▶ vitest");
const extra = process.argv.slice(2);
const r = spawnSync(
  process.execPath,
  [bin("vitest/vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...extra],
  { stdio: "inherit" },
);
let passed = 0;
let failed = r.status === 0 ? 0 : 1;
if (fs.existsSync(report)) {
  const json = JSON.parse(fs.readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number; numTotalTests: number };
  passed = json.numPassedTests;
  failed = json.numFailedTests + (r.status !== 0 && json.numFailedTests === 0 ? 1 : 0);
}
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(r.status ?? 1);
