/**
 * npm run db:migrate — apply pending migrations to DATABASE_PATH (default data/app.db).
 * The server also migrates on start; this is for deploy pipelines and for checking a database.
 */
import { DatabaseStartupError, knownSchemaVersion, openDatabase } from "../db/client";

const file = process.env.DATABASE_PATH ?? "data/app.db";
try {
  const db = openDatabase(file);
  db.$client.close();
  console.log(`数据库 ${file} 已是最新结构（版本 ${knownSchemaVersion()}）。`);
} catch (error) {
  console.error(error instanceof DatabaseStartupError ? error.message : error);
  process.exit(1);
}
