/**
 * A crash of the server process: SIGKILL the process that listens (plain node running build/server.js,
 * no wrapper) in the middle of a burst of autosaves. Every save it acknowledged is in the database
 * afterwards, the database passes PRAGMA integrity_check, and the server starts again on the same file.
 */
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase , sqliteClient } from "@db/client";
import { missingAcknowledged, refusesConnections, sittings, startBurst } from "../helpers/burst";
import { startServer, type TestServer } from "../helpers/server";

const started: TestServer[] = [];
afterAll(async () => {
  for (const s of started) await s.stop();
});

describe("an acknowledged save", () => {
  it("survives SIGKILL of the listening process during a burst of saves", async () => {
    const server = await startServer();
    started.push(server);
    // The process we hold is the one that listens: it logged its own pid with the address.
    const startLine = server.output().split("\n").find((l) => l.includes("客服学堂已启动"))!;
    expect(JSON.parse(startLine).pid).toBe(server.pid);

    const list = await sittings(server, 3);
    const burst = startBurst(list, 3);
    await burst.acknowledged(120);
    // The process dies in the middle of the burst: no shutdown handler, no checkpoint.
    await server.crash();
    expect(server.child.signalCode).toBe("SIGKILL");
    await burst.done;
    const acknowledgedBeforeCrash = burst.ackCount();
    expect(acknowledgedBeforeCrash).toBeGreaterThanOrEqual(120);

    // It was the listening process: nothing answers on its port any more, and the pid is gone.
    expect(await refusesConnections(server.url)).toBe(true);
    expect(() => process.kill(server.pid, 0)).toThrow();

    // Every acknowledged save is there, in a sound database…
    sqliteClient(server.db).close();
    const after = openDatabase(server.dbPath, { migrate: false });
    expect(sqliteClient(after).pragma("integrity_check", { simple: true })).toBe("ok");
    const { checked, missing } = await missingAcknowledged(after, burst);
    expect(checked).toBe(30);
    expect(missing).toEqual([]);
    sqliteClient(after).close();

    // …and the server starts again on the same file and serves it.
    const again = await startServer({ dbPath: server.dbPath });
    started.push(again);
    const health = await fetch(`${again.url}/healthz`);
    expect(health.status).toBe(200);
    expect((await missingAcknowledged(again.db, burst)).missing).toEqual([]);
  }, 120_000);
});
