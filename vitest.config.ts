import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

const alias = {
  "~": fileURLToPath(new URL("./app", import.meta.url)),
  "@db": fileURLToPath(new URL("./db", import.meta.url)),
};

/**
 * The engine under test is chosen by the project, never by the caller's shell: the SQLite projects run
 * without DATABASE_URL; the PostgreSQL projects set it themselves. (Workers inherit this process's environment.)
 */
delete process.env.DATABASE_URL;

/** The PostgreSQL cluster for integration-pg and e2e-pg (`npm run pg:test-cluster`); unset: those projects are not configured. */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** About SQLite's own file, so they run on SQLite only (not in the -pg projects). */
const SQLITE_ONLY = [
  // db:backup / db:restore copy the SQLite file with SQLite's backup API (PostgreSQL sites use pg_dump).
  "test/integration/backup.test.ts",
  // SIGKILL during saves, then SQLite's integrity_check and WAL recovery of the file.
  "test/integration/crash.test.ts",
  // SIGTERM folds the WAL into the database file and truncates it.
  "test/integration/shutdown.test.ts",
  // WAL/foreign-key pragmas and user_version of a new file; a corrupt, newer or unwritable file at start-up.
  "test/integration/startup.test.ts",
  // The database file and its WAL are created 0600.
  "test/integration/security/file-modes.test.ts",
];
/** PostgreSQL projects only: they need the cluster itself. */
const PG_ONLY = [
  // Proves the PostgreSQL harness itself (fresh databases on the cluster).
  "test/integration/pg-harness.test.ts",
  // db:copy moves a SQLite site into a fresh PostgreSQL database (the SQLite side runs in its own server).
  "test/integration/db-copy.test.ts",
  // Two app servers sharing one database.
  "test/integration/multi-server.test.ts",
];

const integration = {
  include: ["test/integration/**/*.test.ts"],
  environment: "node",
  testTimeout: 30_000,
  hookTimeout: 60_000,
};
const e2e = {
  include: ["test/e2e/**/*.test.ts"],
  environment: "node",
  testTimeout: 90_000,
  hookTimeout: 90_000,
  poolOptions: { forks: { singleFork: true } },
};

/**
 * The PostgreSQL projects: the same files (all but SQLITE_ONLY) with DATABASE_URL set, so ENGINE is "postgres" in the test
 * process and in every server it starts. DATABASE_URL names a database that is never created
 * (test/helpers/db.ts): tests get fresh databases from TEST_DATABASE_URL's cluster, dropped after each file
 * (pg-setup.ts) and at the end of the run (pg-global.ts).
 */
function postgres(url: string): TestProjectInlineConfiguration[] {
  const processUrl = new URL(url);
  processUrl.pathname = "/kefu_test_process_has_no_database";
  const pg = {
    env: { DATABASE_URL: processUrl.toString(), TEST_DATABASE_URL: url },
    globalSetup: ["test/helpers/pg-global.ts"],
    setupFiles: ["test/helpers/pg-setup.ts"],
    exclude: [...configDefaults.exclude, ...SQLITE_ONLY],
  };
  return [
    { resolve: { alias }, test: { name: "integration-pg", ...integration, ...pg, include: integration.include } },
    { resolve: { alias }, test: { name: "e2e-pg", ...e2e, ...pg, include: e2e.include } },
  ];
}

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: { name: "integration", ...integration, exclude: [...configDefaults.exclude, ...PG_ONLY] },
      },
      {
        resolve: { alias },
        test: { name: "e2e", ...e2e },
      },
      ...(TEST_DATABASE_URL ? postgres(TEST_DATABASE_URL) : []),
    ],
  },
});
