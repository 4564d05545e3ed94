/**
 * The engine a benchmark runs on: `--engine sqlite` (default; a temporary file) or `--engine postgres`
 * (a new database on the server BENCH_DATABASE_URL or TEST_DATABASE_URL names, dropped afterwards —
 * e.g. `npm run pg:test-cluster -- run npm run bench:exam -- --engine postgres`). Call it before importing
 * anything from db/ or app/: the engine of a process is read from DATABASE_URL when db/engine.ts loads.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface BenchDatabase {
  engine: "sqlite" | "postgres";
  /** Environment for an app server on this database. */
  env: Record<string, string>;
  /** For messages: the file, or the database URL without its password. */
  where: string;
  /** PostgreSQL: the URL of the benchmark's database. */
  url?: string;
  drop: () => Promise<void>;
}

export async function benchDatabase(argv: string[], label: string): Promise<BenchDatabase> {
  const i = argv.indexOf("--engine");
  const engine = i >= 0 ? argv[i + 1] : "sqlite";
  if (engine !== "sqlite" && engine !== "postgres") {
    console.error(`--engine 只能是 sqlite 或 postgres，收到“${engine}”`);
    process.exit(2);
  }
  if (engine === "sqlite") {
    delete process.env.DATABASE_URL;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kefu-${label}-`));
    const file = path.join(dir, `${label}.db`);
    return { engine, env: { DATABASE_PATH: file }, where: file, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!admin) {
    console.error("--engine postgres 需要 BENCH_DATABASE_URL（或 TEST_DATABASE_URL）指向一个可以建库的 PostgreSQL。\n例如：npm run pg:test-cluster -- run npm run bench:exam -- --engine postgres");
    process.exit(2);
  }
  const name = `kefu_bench_${label.replace(/\W/g, "_")}_${randomBytes(4).toString("hex")}`;
  await adminQuery(admin, `create database ${name}`);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const url = u.toString();
  process.env.DATABASE_URL = url;
  const shown = new URL(url);
  if (shown.password) shown.password = "***";
  return {
    engine,
    env: { DATABASE_URL: url },
    where: shown.toString(),
    url,
    drop: () => adminQuery(admin, `drop database if exists ${name} with (force)`),
  };
}

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** pgbench's built-in simple-update rate (transactions/s) on the same server, in a database of its own. */
export async function pgbenchSimpleUpdate(benchUrl: string, seconds = 10, clients = 10): Promise<number | null> {
  const bin = pgBinDir();
  if (!bin) return null;
  const admin = new URL(benchUrl);
  const name = `kefu_pgbench_${randomBytes(4).toString("hex")}`;
  admin.pathname = "/postgres";
  await adminQuery(admin.toString(), `create database ${name}`);
  const target = new URL(benchUrl);
  target.pathname = `/${name}`;
  try {
    const env = { ...process.env, PGPASSWORD: decodeURIComponent(target.password) };
    const args = ["-h", target.hostname, "-p", target.port || "5432", "-U", decodeURIComponent(target.username)];
    const init = spawnSync(path.join(bin, "pgbench"), [...args, "-i", "-q", "-s", "1", name], { env, encoding: "utf8" });
    if (init.status !== 0) return null;
    const run = spawnSync(path.join(bin, "pgbench"), [...args, "-b", "simple-update", "-c", String(clients), "-j", "2", "-T", String(seconds), name], { env, encoding: "utf8" });
    const m = /tps = ([\d.]+)/.exec(run.stdout);
    return m ? Number(m[1]) : null;
  } finally {
    await adminQuery(admin.toString(), `drop database if exists ${name} with (force)`);
  }
}

function pgBinDir(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, "bin", "pgbench"))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], "bin") : null;
}

/**
 * `--baseline REF`: checks GIT-REF out in a temporary worktree and runs that release's own
 * scripts/<script>.ts there on SQLite (after building it when the benchmark needs the server), its
 * output prefixed with the ref, so the previous release and this one are measured in one run on one
 * machine. A release whose own benchmark did different work gets the patch
 * scripts/bench-baseline/<commit>.<script>.patch applied to its copy first (the patch's header says why).
 * Returns the baseline's output, for the caller to compare its figures with.
 */
export function runBaseline(ref: string, script: string, opts: { build: boolean }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kefu-baseline-"));
  const run = (cmd: string, args: string[], cwd: string) => {
    const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, DATABASE_URL: "" }, maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} 失败：${r.stderr || r.stdout}`);
    return r.stdout;
  };
  const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
  try {
    run("git", ["worktree", "add", "--detach", dir, ref], process.cwd());
    // Our node_modules serve the release when its lockfile is ours; else a hard-linked copy of them,
    // brought to its lockfile by npm (from the cache: only the packages that differ are fetched).
    const sameLock = spawnSync("git", ["diff", "--quiet", ref, "--", "package-lock.json"]).status === 0;
    if (sameLock) fs.symlinkSync(path.resolve("node_modules"), path.join(dir, "node_modules"));
    else {
      run("cp", ["-al", path.resolve("node_modules"), path.join(dir, "node_modules")], process.cwd());
      // npm rewrites this file in place: unlink the copy's so ours stays as it is.
      fs.rmSync(path.join(dir, "node_modules", ".package-lock.json"), { force: true });
      run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts"], dir);
      console.log(`== ${ref}: its own dependencies installed (its package-lock.json differs from this one)`);
    }
    const full = run("git", ["rev-parse", ref], process.cwd()).trim();
    const patch = fs
      .readdirSync(path.resolve("scripts/bench-baseline"))
      .find((f) => f.endsWith(`.${script}.patch`) && full.startsWith(f.slice(0, -`.${script}.patch`.length)));
    if (patch) {
      run("git", ["apply", path.resolve("scripts/bench-baseline", patch)], dir);
      console.log(`== ${ref}: scripts/bench-baseline/${patch} applied to its benchmark`);
    }
    console.log(`== 上一版本 previous release ${ref}${opts.build ? "（构建中 building…）" : ""}`);
    if (opts.build) run(process.execPath, [tsx, "scripts/build.ts"], dir);
    const out = run(process.execPath, [tsx, `scripts/${script}.ts`], dir);
    console.log(out.split("\n").map((l) => `  [${ref}] ${l}`).join("\n"));
    console.log("== 本版本 this release");
    return out;
  } finally {
    spawnSync("git", ["worktree", "remove", "--force", dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
