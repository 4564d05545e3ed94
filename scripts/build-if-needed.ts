/**
 * Builds the app unless build/ is newer than every source file it is made from.
 */
import fs from "node:fs";
import path from "node:path";
import { buildAll, SERVER_OUTPUT } from "./build";

const SOURCES = ["app", "db", "server.ts", "vite.config.ts", "package.json", "package-lock.json", "tsconfig.json"];
const OUTPUTS = ["build/server/index.js", SERVER_OUTPUT];

function newest(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, name)));
  return max;
}

export async function buildIfNeeded(): Promise<boolean> {
  const built = Math.min(...OUTPUTS.map((o) => (fs.existsSync(o) ? fs.statSync(o).mtimeMs : 0)));
  const source = Math.max(...SOURCES.map(newest));
  if (built > source) return false;
  console.log("正在构建应用（首次运行或源码有改动）……");
  await buildAll();
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? "")) await buildIfNeeded();
