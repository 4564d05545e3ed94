/**
 * The secret that signs session cookies. Production needs SESSION_SECRET; demo and development keep a
 * generated one beside the database so restarts do not sign everybody out.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv, splitSecrets } from "~/env.server";

let secrets: string[] | undefined;

export function getSessionSecrets(): string[] {
  if (secrets) return secrets;
  const env = getEnv();
  if (env.SESSION_SECRET) {
    secrets = splitSecrets(env.SESSION_SECRET);
    return secrets;
  }
  if (env.NODE_ENV === "production" && !env.demo) {
    throw new Error("未设置 SESSION_SECRET：生产模式必须提供至少 32 个字符的随机字符串（可用 `openssl rand -hex 32` 生成）。");
  }
  const file = path.join(path.dirname(path.resolve(env.DATABASE_PATH)), "session-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // Owner-only from the first byte ("wx": never overwrite a secret another process just wrote).
    try {
      fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  // A secret others can read signs nobody's cookie safely: tighten a file left group/world-readable.
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  secrets = [fs.readFileSync(file, "utf8").trim()];
  return secrets;
}
