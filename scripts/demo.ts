/**
 * npm run demo — build if needed, then serve in demo mode: database at DATABASE_PATH (default
 * data/app.db), migrations applied, courseware loaded, demo accounts admin / trainer / learner with the
 * password kefu-demo. Demo accounts exist only in this mode.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { buildIfNeeded } from "./build-if-needed";

await buildIfNeeded();
// Plain node runs the compiled server: this child is the listening process.
const child = spawn(process.execPath, [path.resolve("build/server.js")], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", KEFU_DEMO: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
