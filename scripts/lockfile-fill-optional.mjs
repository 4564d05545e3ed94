#!/usr/bin/env node
/**
 * npm 11 refuses `npm ci` when a package names platform-specific optional dependencies (rollup,
 * esbuild, tailwind oxide…) that the lockfile lacks, and the registry mirror of this workplace serves
 * only the linux-x64 builds, so `npm install` cannot record the others. This adds placeholder entries
 * (marked optional, with their os/cpu) so `npm ci` validates; npm skips them on this platform.
 * Run after every `npm install`: `node scripts/lockfile-fill-optional.mjs package-lock.json`.
 */

import fs from "node:fs";
const file = process.argv[2];
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const pk = lock.packages;
let added = 0;
for (const [key, node] of Object.entries(pk)) {
  for (const [name, range] of Object.entries(node.optionalDependencies ?? {})) {
    const base = key ? key.slice(0, key.lastIndexOf("node_modules/") ) : "";
    const candidates = [`${key ? key + "/" : ""}node_modules/${name}`, `node_modules/${name}`];
    if (candidates.some((c) => pk[c])) continue;
    const m = /(android|darwin|freebsd|linux|openbsd|sunos|win32|aix|openharmony|wasm32)/.exec(name);
    const cpu = /(arm64|x64|ia32|arm|ppc64|s390x|riscv64|loong64|mips64el)/.exec(name.replace(/^.*\//, ""));
    pk[`node_modules/${name}`] = {
      version: String(range).replace(/^[\^~]/, ""),
      optional: true,
      ...(node.dev ? { dev: true } : {}),
      ...(m && m[1] !== "wasm32" ? { os: [m[1]] } : {}),
      ...(m && m[1] === "wasm32" ? { cpu: ["wasm32"] } : cpu ? { cpu: [cpu[1]] } : {}),
    };
    added++;
  }
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(`added ${added} optional platform entries`);
