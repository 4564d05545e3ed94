import { defineConfig } from "drizzle-kit";

/** SQLite migrations (db/migrations) from db/schema.sqlite.ts; PostgreSQL's are in drizzle.pg.config.ts. */
export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema.sqlite.ts",
  out: "./db/migrations",
  dbCredentials: { url: process.env.DATABASE_PATH ?? "data/app.db" },
});
