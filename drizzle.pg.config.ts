import { defineConfig } from "drizzle-kit";

/** PostgreSQL migrations (db/migrations-pg) from db/schema.pg.ts; SQLite's are in drizzle.config.ts. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.pg.ts",
  out: "./db/migrations-pg",
});
