/**
 * Online backup and restore of the SQLite database (npm run db:backup / db:restore).
 *
 * Backup uses SQLite's backup API through better-sqlite3 on a connection of its own, while the server
 * keeps running: the copy is taken in one step inside one read transaction, so it is the database as
 * of one moment (every transaction committed before it began, none half-done) and never restarts
 * because the server wrote meanwhile; in WAL mode the server's writes are not blocked by it. The copy
 * is written beside the target, checked with integrity_check, made 0600 and renamed into place.
 *
 * Restore refuses while a server is running on the database (the pid file it keeps beside the
 * database, `<DATABASE_PATH>.pid`, names a live process), checks the backup, moves the current
 * database aside to `<DATABASE_PATH>.replaced-<time>` (with its -wal/-shm files) and puts the backup
 * in its place.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { knownSchemaVersion } from "./client";

export class BackupError extends Error {}

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
  ms: number;
}

export async function backupDatabase(source: string, target: string, options: { force?: boolean } = {}): Promise<BackupResult> {
  const t0 = Date.now();
  const from = path.resolve(source);
  const to = path.resolve(target);
  if (!fs.existsSync(from)) throw new BackupError(`数据库文件不存在:${from}`);
  if (from === to) throw new BackupError("备份文件不能是数据库本身");
  if (fs.existsSync(to) && !options.force) throw new BackupError(`${to} 已存在;换一个文件名,或加 --force 覆盖`);
  if (!fs.existsSync(path.dirname(to))) throw new BackupError(`目录不存在:${path.dirname(to)}`);
  const tmp = `${to}.partial-${process.pid}`;
  fs.rmSync(tmp, { force: true });
  const db = new Database(from, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    // All remaining pages in one step: one consistent snapshot, not restarted by the server's writes.
    const r = await db.backup(tmp, { progress: () => 0x7fffffff });
    checkIntegrity(tmp);
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, to);
    return { file: to, bytes: fs.statSync(to).size, pages: r.totalPages, ms: Date.now() - t0 };
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error instanceof BackupError ? error : new BackupError(`备份失败:${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db.close();
  }
}

function checkIntegrity(file: string) {
  const db = new Database(file, { fileMustExist: true });
  try {
    const result = db.pragma("integrity_check", { simple: true });
    if (result !== "ok") throw new BackupError(`${file} 未通过完整性检查:${String(result)}`);
    return Number(db.pragma("user_version", { simple: true }));
  } finally {
    db.close();
  }
}

/** The server keeps `<DATABASE_PATH>.pid` while it runs; a live pid there means the database is in use. */
export function pidFileOf(databasePath: string): string {
  return `${path.resolve(databasePath)}.pid`;
}

export function runningServerPid(databasePath: string): number | null {
  const file = pidFileOf(databasePath);
  if (!fs.existsSync(file)) return null;
  const pid = Number(fs.readFileSync(file, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: alive but not ours to signal — still running.
    return (error as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}

export interface RestoreResult {
  restored: string;
  replaced: string | null;
  schemaVersion: number;
}

export async function restoreDatabase(backupFile: string, databasePath: string, at = new Date()): Promise<RestoreResult> {
  const from = path.resolve(backupFile);
  const to = path.resolve(databasePath);
  if (!fs.existsSync(from)) throw new BackupError(`备份文件不存在:${from}`);
  const pid = runningServerPid(to);
  if (pid !== null) throw new BackupError(`服务器(pid ${pid})正在使用 ${to}。请先停止服务(例如 systemctl stop kefu-academy),再恢复。`);
  let schemaVersion: number;
  try {
    schemaVersion = checkIntegrity(from);
  } catch (error) {
    throw error instanceof BackupError ? error : new BackupError(`${from} 不是可用的 SQLite 数据库:${error instanceof Error ? error.message : String(error)}`);
  }
  if (schemaVersion > knownSchemaVersion())
    throw new BackupError(`${from} 由更新版本的应用写入(结构版本 ${schemaVersion}),本程序只认识到 ${knownSchemaVersion()}`);

  // Copy through the backup API into a temporary file beside the target, then swap.
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const tmp = `${to}.restoring-${process.pid}`;
  fs.rmSync(tmp, { force: true });
  const src = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await src.backup(tmp, { progress: () => 0x7fffffff });
  } finally {
    src.close();
  }
  fs.chmodSync(tmp, 0o600);
  let replaced: string | null = null;
  if (fs.existsSync(to)) {
    replaced = `${to}.replaced-${at.toISOString().replace(/[:.]/g, "-")}`;
    fs.renameSync(to, replaced);
    for (const suffix of ["-wal", "-shm"]) if (fs.existsSync(to + suffix)) fs.renameSync(to + suffix, replaced + suffix);
  }
  fs.renameSync(tmp, to);
  return { restored: to, replaced, schemaVersion };
}
