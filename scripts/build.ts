/**
 * npm run build — the production build: the Remix app (client and server bundles) with Vite, then the
 * HTTP server entry (server.ts) compiled by esbuild to build/server.js, which `npm start` runs with
 * plain `node` (no TypeScript loader between the operator and the listening process).
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { build } from "esbuild";

export const SERVER_OUTPUT = "build/server.js";

export async function buildAll() {
  execFileSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], { stdio: "inherit" });
  await buildServer();
}

export async function buildServer() {
  await build({
    entryPoints: ["server.ts"],
    outfile: SERVER_OUTPUT,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  console.log(`服务器入口已编译：${SERVER_OUTPUT}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? "")) await buildAll();
