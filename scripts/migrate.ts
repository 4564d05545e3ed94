/**
 * npm run db:migrate — apply pending migrations to the database DATABASE_URL names (PostgreSQL), else
 * to the SQLite file DATABASE_PATH (default data/app.db).
 * The server also migrates on start; this is for deploy pipelines and for checking a database.
 */
import { closeDatabase, databaseFromEnv, DatabaseStartupError, ENGINE, knownSchemaVersion, MIGRATIONS_DIR, PG_MIGRATIONS_DIR } from "../db/client";

const target = databaseFromEnv();
try {
  await closeDatabase(await target.open());
  const version = knownSchemaVersion(ENGINE === "postgres" ? PG_MIGRATIONS_DIR : MIGRATIONS_DIR);
  console.log(`数据库 ${target.where} 已是最新结构（版本 ${version}）。`);
} catch (error) {
  console.error(error instanceof DatabaseStartupError ? error.message : error);
  process.exit(1);
}
