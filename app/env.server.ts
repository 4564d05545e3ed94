/**
 * The environment, parsed once. A bad value stops the process with a message that names the variable.
 */
import path from "node:path";
import { z } from "zod";
import { DEFAULT_TIME_ZONE, isValidTimeZone, setTimeZone } from "~/domain/time";

/** SESSION_SECRET as a rotation list: comma-separated, trimmed, empty entries dropped (the first signs). */
export function splitSecrets(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_PATH: z.string().min(1).default("data/app.db"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("localhost"),
  /** Each entry at least 32 characters; several secrets separated by commas allow rotation (the first signs). */
  SESSION_SECRET: z
    .string()
    .refine((v) => splitSecrets(v).length > 0 && splitSecrets(v).every((s) => s.length >= 32), "每个密钥（逗号分隔）都必须至少 32 个字符")
    .optional(),
  /** "1" in demo mode: demo accounts and a generated session secret kept under data/. */
  KEFU_DEMO: z.enum(["0", "1"]).default("0"),
  /** Set to "1" behind a reverse proxy so X-Forwarded-For gives the client address. */
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  /** IANA time zone every date is shown in (pages, certificates, CSV, CLI); Beijing time by default. */
  KEFU_TIMEZONE: z
    .string()
    .default(DEFAULT_TIME_ZONE)
    .refine(isValidTimeZone, "未知的时区，应为 IANA 时区名，如 Asia/Shanghai"),
  /** Where content/ lives; defaults to the working directory's content/. */
  CONTENT_DIR: z.string().optional(),
});

export type Env = z.infer<typeof schema> & { contentDir: string; demo: boolean };

let cached: Env | undefined;

export function getEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (cached && source === process.env) return cached;
  // An empty variable means "not set" (as in `SESSION_SECRET= npm start`).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`环境变量有误:\n${lines.join("\n")}`);
  }
  const env: Env = {
    ...parsed.data,
    contentDir: path.resolve(parsed.data.CONTENT_DIR ?? "content"),
    demo: parsed.data.KEFU_DEMO === "1",
  };
  if (source === process.env) {
    cached = env;
    setTimeZone(env.KEFU_TIMEZONE);
  }
  return env;
}
