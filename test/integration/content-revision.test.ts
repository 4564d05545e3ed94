/**
 * A server refuses to start against a database whose courseware revision (content/REVISION, stored in
 * app_meta by the newest server that started on it) is newer than its own files; newer files are stored;
 * equal ones start as before. Both engines: servers on one database, one after another.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getMeta } from "@db/queries/meta";
import { CONTENT_REVISION_KEY } from "~/domain/content-revision";
import { startExpectingFailure, startServer, tempDir, type TestServer } from "../helpers/server";

/** A copy of content/ with REVISION set to `revision`. */
function contentAt(revision: string): string {
  const dir = path.join(tempDir("kefu-content-"), "content");
  fs.cpSync("content", dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "REVISION"), `${revision}\n`);
  return dir;
}

/** SQLite: a database file in a temporary folder (never the working copy's data/); PostgreSQL: a fresh database is given anyway. */
const scratch = (): Record<string, string> => ({ DATABASE_PATH: path.join(tempDir(), "app.db") });

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
});

describe("content revision at start-up", () => {
  it("stores a newer revision, refuses older files naming both numbers, starts with equal ones", async () => {
    const own = Number(fs.readFileSync("content/REVISION", "utf8").trim());
    const first = await startServer({ startTimeoutMs: 90_000 });
    servers.push(first);
    expect(await getMeta(first.db, CONTENT_REVISION_KEY)).toBe(String(own));
    await first.stop();

    // A server with newer courseware starts on the same database and stores its revision.
    const newer = await startServer({ ...first.sameDatabase, env: { CONTENT_DIR: contentAt(String(own + 2)) }, startTimeoutMs: 90_000 });
    servers.push(newer);
    expect(await getMeta(newer.db, CONTENT_REVISION_KEY)).toBe(String(own + 2));
    await newer.stop();

    // The normal content/ and a copy one lower are now older than the database's: both refuse.
    const database: Record<string, string> = first.databaseEnv;
    for (const dir of [path.resolve("content"), contentAt(String(own + 1))]) {
      const lower = Number(fs.readFileSync(path.join(dir, "REVISION"), "utf8").trim());
      const refused = await startExpectingFailure({ ...database, CONTENT_DIR: dir });
      expect(refused.code).toBe(1);
      expect(refused.output).toContain(`数据库中的课件版本为 ${own + 2}，比本服务器课件文件的版本 ${lower} 更新`);
    }

    // Equal files start as before, and nothing was lowered by the refusals.
    const same = await startServer({ ...first.sameDatabase, env: { CONTENT_DIR: contentAt(String(own + 2)) }, startTimeoutMs: 90_000 });
    servers.push(same);
    expect(await getMeta(same.db, CONTENT_REVISION_KEY)).toBe(String(own + 2));
    expect((await fetch(`${same.url}/healthz`)).status).toBe(200);
  }, 400_000);

  it("a missing or malformed REVISION stops the start with a message naming the file", async () => {
    for (const bad of ["0", "1.5", "abc"]) {
      const dir = contentAt(bad);
      const refused = await startExpectingFailure({ ...scratch(), CONTENT_DIR: dir });
      expect(refused.code).toBe(1);
      expect(refused.output).toContain(`课件版本文件 ${path.join(dir, "REVISION")} 的内容“${bad}”不是正整数`);
    }
    const missing = contentAt("1");
    fs.rmSync(path.join(missing, "REVISION"));
    const refused = await startExpectingFailure({ ...scratch(), CONTENT_DIR: missing });
    expect(refused.output).toContain(`缺少课件版本文件 ${path.join(missing, "REVISION")}`);
  }, 400_000);
});
