/**
 * A throw-away PostgreSQL cluster for the PostgreSQL half of the test suite (`npm test` runs it when
 * TEST_DATABASE_URL is set). One implementation for developers and for CI:
 *
 *   npm run pg:test-cluster                   start, print the TEST_DATABASE_URL line, stop and remove it on Ctrl-C
 *   npm run pg:test-cluster -- run CMD ARGS…  start, run CMD with TEST_DATABASE_URL set, stop and remove; exits with CMD's code
 *   tsx scripts/pg-test-cluster.ts start      start and print shell `export` lines (TEST_DATABASE_URL, KEFU_PG_CLUSTER_DIR); .ci/run uses this
 *   tsx scripts/pg-test-cluster.ts stop DIR   stop the cluster in DIR (made by `start`) and remove its files
 *
 * The cluster: `initdb` in a new temporary folder, run as an unprivileged user (when started by root:
 * the system user `kefu-ci`, created if missing; PostgreSQL refuses to run as root), superuser `kefu` with
 * a generated password; the server listens on 127.0.0.1 only, on a free port, with its socket in the same
 * folder (trust over that socket, which only the cluster's owner can reach; password over TCP). Durability
 * is turned off (fsync, full_page_writes, synchronous_commit): the cluster lives for one run and its data
 * is thrown away, and no test stops PostgreSQL itself.
 *
 * The binaries: PG_BIN if set, else the newest /usr/lib/postgresql/N/bin (Debian's `postgresql`
 * package), else `initdb`/`pg_ctl` from PATH.
 */
import { spawn, spawnSync, type SpawnSyncOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const MARKER = ".kefu-pg-test-cluster";
const CI_USER = "kefu-ci";
const SUPERUSER = "kefu";

interface Cluster {
  dir: string;
  url: string;
  port: number;
  version: string;
}

function fail(message: string): never {
  console.error(`pg-test-cluster：${message}`);
  process.exit(1);
}

/** Where initdb and pg_ctl are. */
function binDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length) return path.join(root, versions[0], "bin");
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  if (which.status === 0 && which.stdout.trim()) return path.dirname(which.stdout.trim());
  fail("找不到 PostgreSQL 的 initdb。Debian：apt-get install -y postgresql（或用 PG_BIN 指定 bin 目录）。");
}

/** The user the cluster runs as: ourselves, or (as root) the unprivileged `kefu-ci`, created if missing. */
function clusterUser(): { uid: number; gid: number; name: string } | null {
  if (process.getuid?.() !== 0) return null;
  const lookup = () => spawnSync("id", ["-u", CI_USER], { encoding: "utf8" });
  if (lookup().status !== 0) {
    const made = spawnSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", CI_USER], { encoding: "utf8" });
    if (made.status !== 0) fail(`无法创建运行 PostgreSQL 的用户 ${CI_USER}：${made.stderr.trim()}`);
  }
  const uid = Number(lookup().stdout.trim());
  const gid = Number(spawnSync("id", ["-g", CI_USER], { encoding: "utf8" }).stdout.trim());
  return { uid, gid, name: CI_USER };
}

// No HOME/PG* variables of the caller: the cluster is configured by its arguments only.
const clusterEnv = { PATH: process.env.PATH, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" } as Record<string, string | undefined> as NodeJS.ProcessEnv;

function runAs(user: ReturnType<typeof clusterUser>, cmd: string, args: string[], options: SpawnSyncOptions = {}) {
  return spawnSync(cmd, args, {
    encoding: "utf8",
    ...options,
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    env: clusterEnv,
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startCluster(): Promise<Cluster> {
  const bin = binDir();
  const user = clusterUser();
  // Its own folder in the temporary directory (not inside a caller's private folder, which the
  // unprivileged user could not enter), 0700 and owned by the cluster's user.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kefu-pg-"));
  fs.writeFileSync(path.join(dir, MARKER), "a throw-away PostgreSQL cluster made by scripts/pg-test-cluster.ts\n");
  const data = path.join(dir, "data");
  const socket = path.join(dir, "socket");
  fs.mkdirSync(socket);
  const password = randomBytes(18).toString("hex");
  const pwfile = path.join(dir, "pwfile");
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (user) for (const p of [dir, socket, pwfile, path.join(dir, MARKER)]) fs.chownSync(p, user.uid, user.gid);

  const init = runAs(user, path.join(bin, "initdb"), [
    "-D", data, "-U", SUPERUSER, `--pwfile=${pwfile}`, "--auth-local=trust", "--auth-host=scram-sha-256",
    "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
  ]);
  fs.rmSync(pwfile, { force: true });
  if (init.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    fail(`initdb 失败：\n${init.stdout}${init.stderr}`);
  }
  const version = fs.readFileSync(path.join(data, "PG_VERSION"), "utf8").trim();

  // A free port can be taken between our look and the server's bind: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const options = [
      "-c listen_addresses=127.0.0.1", `-c port=${port}`, `-c unix_socket_directories=${socket}`,
      "-c max_connections=300", "-c fsync=off", "-c full_page_writes=off", "-c synchronous_commit=off",
    ].join(" ");
    const started = runAs(user, path.join(bin, "pg_ctl"), ["-D", data, "-l", path.join(dir, "postgres.log"), "-o", options, "-w", "-t", "60", "start"], {
      // pg_ctl's server must not hold our stdout open (a caller reading it would wait for ever).
      stdio: ["ignore", "ignore", "pipe"],
    });
    if (started.status === 0) {
      return { dir, port, version, url: `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres` };
    }
    const log = fs.existsSync(path.join(dir, "postgres.log")) ? fs.readFileSync(path.join(dir, "postgres.log"), "utf8") : "";
    if (attempt >= 3 || !/could not bind|Address already in use/i.test(log)) {
      await stopCluster(dir);
      fail(`PostgreSQL 未能启动：\n${started.stderr}\n${log.split("\n").slice(-20).join("\n")}`);
    }
  }
}

/**
 * Stops the cluster in `dir` (fast shutdown: open connections are ended) and removes the folder.
 * Asynchronous on purpose: run from a signal handler under tsx, a blocked event loop would keep tsx from
 * hearing that we handle the signal, and it would SIGKILL us half-way.
 */
export async function stopCluster(dir: string): Promise<void> {
  if (!fs.existsSync(path.join(dir, MARKER))) fail(`${dir} 不是本脚本创建的测试集群，未删除。`);
  const data = path.join(dir, "data");
  const pidFile = path.join(data, "postmaster.pid");
  if (fs.existsSync(pidFile)) {
    // pg_ctl runs as the owner of the data folder (kefu-ci when root made it).
    const owner = fs.statSync(data);
    const user = process.getuid?.() === 0 ? { uid: owner.uid, gid: owner.gid } : null;
    const status = await new Promise<number | null>((resolve) => {
      const child = spawn(path.join(binDir(), "pg_ctl"), ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"], {
        stdio: "ignore",
        env: clusterEnv,
        ...(user ? { uid: user.uid, gid: user.gid } : {}),
      });
      child.once("error", () => resolve(null));
      child.once("exit", (code) => resolve(code));
    });
    if (status !== 0 && fs.existsSync(pidFile)) {
      // pg_ctl could not stop it: end the postmaster itself (its backends follow it).
      const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
      try {
        if (pid > 0) process.kill(pid, "SIGQUIT");
      } catch {
        // already gone
      }
    }
  }
  await fs.promises.rm(dir, { recursive: true, force: true });
}

async function main() {
  const [mode = "serve", ...rest] = process.argv.slice(2);
  if (mode === "start") {
    const c = await startCluster();
    // Shell lines for `eval`: hex password, temp path and port need no quoting.
    console.log(`export TEST_DATABASE_URL=${c.url}`);
    console.log(`export KEFU_PG_CLUSTER_DIR=${c.dir}`);
    console.error(`PostgreSQL ${c.version} 测试集群：127.0.0.1:${c.port}，文件在 ${c.dir}`);
    return;
  }
  if (mode === "stop") {
    const dir = rest[0] ?? process.env.KEFU_PG_CLUSTER_DIR;
    if (!dir) fail("用法：pg-test-cluster.ts stop DIR");
    await stopCluster(dir);
    console.error(`PostgreSQL 测试集群已停止，${dir} 已删除。`);
    return;
  }
  if (mode === "run") {
    if (!rest.length) fail("用法：npm run pg:test-cluster -- run 命令 [参数…]");
    const c = await startCluster();
    console.error(`PostgreSQL ${c.version} 测试集群：127.0.0.1:${c.port}（命令结束后停止并删除）`);
    const child = spawn(rest[0], rest.slice(1), { stdio: "inherit", env: { ...process.env, TEST_DATABASE_URL: c.url } });
    // Ctrl-C reaches the command too (same process group); we stop the cluster once it has exited.
    for (const s of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(s, () => child.kill(s));
    const code = await new Promise<number>((resolve) => {
      child.once("error", (e) => {
        console.error(`无法运行 ${rest[0]}：${e.message}`);
        resolve(127);
      });
      child.once("exit", (c, signal) => resolve(c ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)));
    });
    await stopCluster(c.dir);
    process.exit(code);
  }
  if (mode !== "serve") fail(`未知的模式 ${mode}（start、stop DIR、run 命令…，或不带参数）`);

  const c = await startCluster();
  console.log(`PostgreSQL ${c.version} 测试集群已启动：127.0.0.1:${c.port}（文件在 ${c.dir}）。`);
  console.log("在另一个终端运行测试（按 Ctrl-C 停止集群并删除其文件）：");
  console.log("");
  console.log(`export TEST_DATABASE_URL=${c.url}`);
  console.log("");
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stopCluster(c.dir);
    console.log("\nPostgreSQL 测试集群已停止，文件已删除。");
    process.exit(0);
  };
  for (const s of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(s, stop);
  // Stay alive until a signal arrives.
  setInterval(() => {}, 1 << 30);
}

await main();
