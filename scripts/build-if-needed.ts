/**
 * Builds the app unless build/ is newer than every source file it is made from.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const SOURCES = ["app", "db", "vite.config.ts", "package.json", "package-lock.json", "tsconfig.json"];
const OUTPUT = "build/server/index.js";

function newest(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, name)));
  return max;
}

export function buildIfNeeded(): boolean {
  const built = fs.existsSync(OUTPUT) ? fs.statSync(OUTPUT).mtimeMs : 0;
  const source = Math.max(...SOURCES.map(newest));
  if (built > source) return false;
  console.log("正在构建应用(首次运行或源码有改动)……");
  execFileSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], { stdio: "inherit" });
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? "")) buildIfNeeded();
