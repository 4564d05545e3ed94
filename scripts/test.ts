/**
 * npm test — the whole suite: content check, type check, production build, then vitest (unit,
 * integration on real SQLite and the built server, end-to-end in Chromium; with TEST_DATABASE_URL set,
 * integration and end-to-end again on PostgreSQL: projects integration-pg and e2e-pg, see
 * vitest.config.ts), then a check that the run left no process behind. Ends with one plain line
 * "Tests: N passed, N failed" and a non-zero exit code if anything failed.
 *
 * Without TEST_DATABASE_URL the PostgreSQL projects are not configured, and a line before the summary
 * says so and how to run them (`npm run pg:test-cluster`).
 *
 * Leftover processes: vitest and everything it starts carry KEFU_TEST_RUN=<this run's id> in their
 * environment (test/helpers/server.ts passes it to every server it spawns; Chromium inherits it). Any
 * such process still alive once vitest has exited (after a few seconds' grace for exits in progress)
 * is listed, killed, and counted as a failed test. A PostgreSQL cluster started before `npm test` (by
 * .ci/run or `npm run pg:test-cluster`) does not carry the marker; the databases the tests create on it
 * are dropped by the tests' own harness (test/helpers/pg-setup.ts, pg-global.ts).
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { redactUrl } from "../db/engine";

const bin = (p: string) => path.resolve("node_modules", p);
const steps: [string, string[]][] = [
  ["课件检查 content:check", [bin("tsx/dist/cli.mjs"), "scripts/content-check.ts"]],
  ["类型检查 typecheck", [bin("typescript/bin/tsc"), "--noEmit"]],
  ["构建 build", [bin("tsx/dist/cli.mjs"), "scripts/build.ts"]],
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

const pgUrl = process.env.TEST_DATABASE_URL;
const pgLine = pgUrl
  ? `PostgreSQL：integration-pg 与 e2e-pg 在 ${redactUrl(pgUrl)} 上运行（每个测试文件和服务器用新建的数据库，结束后删除）。`
  : "PostgreSQL 部分未运行（未设置 TEST_DATABASE_URL）。本地运行：npm run pg:test-cluster -- run npm test（见 README 的 Testing 一节）。";

const runId = randomUUID();
const report = path.resolve("test-results/vitest.json");
fs.rmSync(report, { force: true });
console.log("\n▶ vitest");
const extra = process.argv.slice(2);
const r = spawnSync(
  process.execPath,
  [bin("vitest/vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...extra],
  { stdio: "inherit", env: { ...process.env, KEFU_TEST_RUN: runId } },
);
let passed = 0;
let failed = r.status === 0 ? 0 : 1;
if (fs.existsSync(report)) {
  const json = JSON.parse(fs.readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number; numTotalTests: number };
  passed = json.numPassedTests;
  failed = json.numFailedTests + (r.status !== 0 && json.numFailedTests === 0 ? 1 : 0);
}

console.log("\n▶ 检查遗留进程 leftover processes");
const leftovers = await leftoverProcesses(runId);
if (leftovers.length) {
  console.log(`测试结束后仍有 ${leftovers.length} 个由本次测试启动的进程未退出（已强制结束）:`);
  for (const p of leftovers) {
    console.log(`  pid ${p.pid}: ${p.cmd}`);
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
  failed += 1;
} else console.log("没有遗留进程。");

console.log(`\n${pgLine}`);
console.log(`Tests: ${passed} passed, ${failed} failed`);
process.exit(failed ? (r.status || 1) : 0);

/** Processes carrying this run's marker; waits up to 5 s for ones that are exiting anyway. */
async function leftoverProcesses(id: string): Promise<{ pid: number; cmd: string }[]> {
  if (!fs.existsSync("/proc/self/environ")) {
    console.log("（此系统没有 /proc，跳过检查）");
    return [];
  }
  const marker = `KEFU_TEST_RUN=${id}`;
  const scan = () => {
    const found: { pid: number; cmd: string }[] = [];
    for (const name of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
      try {
        const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
        if (/^\d+ \(.*\) Z /s.test(stat)) continue; // a zombie has exited; its parent reaps it
        const environ = fs.readFileSync(`/proc/${name}/environ`, "utf8").split("\0");
        if (!environ.includes(marker)) continue;
        const cmd = fs.readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0").join(" ").trim();
        found.push({ pid: Number(name), cmd: cmd.slice(0, 200) });
      } catch {
        // exited while we looked, or not ours to read
      }
    }
    return found;
  };
  const until = Date.now() + 5_000;
  let found = scan();
  while (found.length && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    found = scan();
  }
  return found;
}
