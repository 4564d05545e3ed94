/**
 * npm run db:backup while exams are being sat: the copy is consistent (integrity_check ok) and holds
 * every save acknowledged before the backup began. npm run db:restore refuses while a server runs on
 * the database, and afterwards puts the backup in place, keeping the database it replaced.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase , sqliteClient } from "@db/client";
import { missingAcknowledged, sittings, startBurst, type Burst } from "../helpers/burst";
import { startServer, tempDir, type TestServer } from "../helpers/server";

const run = promisify(execFile);
async function cli(script: string, databasePath: string, ...args: string[]) {
  try {
    const r = await run(process.execPath, ["node_modules/tsx/dist/cli.mjs", script, ...args], {
      env: { PATH: process.env.PATH, NODE_ENV: "production", DATABASE_PATH: databasePath },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const started: TestServer[] = [];
afterAll(async () => {
  for (const s of started) await s.stop();
});

/** What had been acknowledged at this moment (what was sent stays live: later saves may be stored). */
function snapshot(b: Burst): Burst {
  return { ...b, acked: new Map([...b.acked].map(([k, v]) => [k, new Map(v)])) };
}

describe("backup and restore", () => {
  it("a backup taken under write load is sound and holds every save acknowledged before it began; restore puts it back", async () => {
    const server = await startServer();
    started.push(server);
    const list = await sittings(server, 3);
    const burst = startBurst(list, 3);
    await burst.acknowledged(60);
    const before = snapshot(burst);
    const acksBefore = burst.ackCount();

    const file = path.join(tempDir("kefu-backup-"), "backup.db");
    const backup = await cli("scripts/db-backup.ts", server.dbPath, file);
    const acksDuring = burst.ackCount() - acksBefore;
    // The server kept saving while the backup ran (and after).
    await burst.acknowledged(acksBefore + 30);
    burst.stop();
    await burst.done;
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain("完整性检查通过");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(acksDuring).toBeGreaterThan(0);

    const copy = openDatabase(file, { migrate: false });
    expect(sqliteClient(copy).pragma("integrity_check", { simple: true })).toBe("ok");
    const { checked, missing } = await missingAcknowledged(copy, before);
    expect(checked).toBe(30);
    expect(missing).toEqual([]);
    const answeredInCopy = (sqliteClient(copy).prepare("select count(*) as n from attempt_items where response is not null").get() as { n: number }).n;
    sqliteClient(copy).close();

    // An existing file is not overwritten without --force.
    const again = await cli("scripts/db-backup.ts", server.dbPath, file);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("已存在");

    // Restore refuses while the server runs on the database…
    const refused = await cli("scripts/db-restore.ts", server.dbPath, file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`pid ${server.pid}`);
    expect(refused.stderr).toContain("正在使用");

    // …and once it is stopped, puts the backup in place and keeps what it replaced.
    await server.stop();
    const restored = await cli("scripts/db-restore.ts", server.dbPath, file);
    expect(restored.code, restored.stderr).toBe(0);
    const replaced = /原数据库已保留为 (\S+)/.exec(restored.stdout)?.[1];
    expect(replaced && fs.existsSync(replaced)).toBe(true);

    const back = await startServer({ dbPath: server.dbPath });
    started.push(back);
    expect((await fetch(`${back.url}/healthz`)).status).toBe(200);
    expect((await missingAcknowledged(back.db, before)).missing).toEqual([]);
    const answered = (sqliteClient(back.db).prepare("select count(*) as n from attempt_items where response is not null").get() as { n: number }).n;
    expect(answered).toBe(answeredInCopy);
  }, 120_000);
});
