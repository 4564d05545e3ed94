/**
 * Graceful shutdown: SIGTERM in the middle of a burst of autosaves. The server stops accepting, lets the
 * saves in flight finish, checkpoints and closes the database and exits 0 within its 10-second bound;
 * every save it acknowledged is in the database, and the WAL has been folded into the database file.
 */
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase , sqliteClient } from "@db/client";
import { missingAcknowledged, refusesConnections, sittings, startBurst } from "../helpers/burst";
import { startServer, type TestServer } from "../helpers/server";

const started: TestServer[] = [];
afterAll(async () => {
  for (const s of started) await s.stop();
});

describe("graceful shutdown", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`on ${signal} during a burst of saves: exit 0 within the bound, every acknowledged save kept`, async () => {
      const server = await startServer();
      started.push(server);
      const list = await sittings(server, 3);
      const burst = startBurst(list, 3);
      await burst.acknowledged(90);
      const { code, signal: killedBy, ms } = await server.terminate(signal);
      await burst.done;

      expect(killedBy).toBeNull();
      expect(code).toBe(0);
      expect(ms).toBeLessThan(10_000 + 2_000);
      expect(await refusesConnections(server.url)).toBe(true);
      const out = server.output();
      expect(out).toContain(`收到 ${signal}`);
      expect(out).toContain("已停止：数据库已关闭");

      // The WAL was checkpointed into the database file and truncated on the way out.
      sqliteClient(server.db).close();
      const wal = `${server.dbPath}-wal`;
      expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
      const after = openDatabase(server.dbPath, { migrate: false });
      expect(sqliteClient(after).pragma("integrity_check", { simple: true })).toBe("ok");
      const { checked, missing } = await missingAcknowledged(after, burst);
      expect(checked).toBe(30);
      expect(missing).toEqual([]);
      sqliteClient(after).close();
    }, 120_000);
  }
});
