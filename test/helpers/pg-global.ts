/**
 * vitest globalSetup of the PostgreSQL projects (integration-pg, e2e-pg): checks that the cluster in
 * TEST_DATABASE_URL answers and may create databases, gives the run a tag that every database a test
 * creates carries in its name (test/helpers/db.ts), and at the end of the run drops whatever of this run
 * is still there (a test file that died before its own clean-up). Runs in vitest's main process.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";

/** Every database a test creates is named `kefu_t_<run tag>_…`. */
export const DATABASE_PREFIX = "kefu_t_";

declare module "vitest" {
  export interface ProvidedContext {
    /** This run's tag in the names of the databases it creates. */
    pgRunTag: string;
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(无法解析的地址)";
  }
}

async function query(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("PostgreSQL 测试项目需要 TEST_DATABASE_URL（见 README 的 Testing 一节）。");
  try {
    const r = await query(url, "select rolcreatedb or rolsuper as ok from pg_roles where rolname = current_user");
    if (!r.rows[0]?.ok) throw new Error("该用户没有 CREATEDB 权限");
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL（${redact(url)}）不可用：${error instanceof Error ? error.message : String(error)}`);
  }
  const tag = randomBytes(4).toString("hex");
  project.provide("pgRunTag", tag);
  return async () => {
    const names = await query(url, "select datname from pg_database where datname like $1", [`${DATABASE_PREFIX}${tag}\\_%`]);
    for (const { datname } of names.rows as { datname: string }[]) await query(url, `drop database if exists "${datname}" with (force)`);
  };
}
