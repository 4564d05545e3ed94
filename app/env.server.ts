/**
 * The environment, parsed once. A bad value stops the process with a message that names the variable.
 */
import { isIP } from "node:net";
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

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** Express's "trust proxy" value: false, a hop count, or the proxies' addresses/subnets. */
export type TrustProxy = false | number | string[];

const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

/**
 * TRUST_PROXY: `0` (default, no proxy), a hop count (`1` = one reverse proxy in front of us), or a
 * comma-separated list of proxy addresses / CIDR subnets / `loopback`, `linklocal`, `uniquelocal`.
 * "Trust everything" (`true`) is refused: it lets a client pick its own address with X-Forwarded-For.
 */
export function parseTrustProxy(value: string): TrustProxy | { error: string } {
  const v = value.trim();
  if (v === "" || v === "0" || v === "false") return false;
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    return n <= 32 ? n : { error: `跳数 ${v} 过大（0–32）` };
  }
  if (v === "true" || v === "*")
    return { error: "不接受 true：那样客户端可以用 X-Forwarded-For 冒充任意地址。请写代理的跳数（如 1）或代理的地址/网段" };
  const entries = v.split(",").map((s) => s.trim()).filter(Boolean);
  for (const e of entries) {
    if (NAMED_RANGES.has(e)) continue;
    const [address, prefix, ...rest] = e.split("/");
    const family = isIP(address);
    const prefixOk =
      prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (!family || !prefixOk || rest.length) return { error: `“${e}”不是 IP 地址、网段或 loopback/linklocal/uniquelocal` };
  }
  return entries;
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_PATH: z.string().min(1).default("data/app.db"),
  /** postgres://user:password@host:port/database selects PostgreSQL (db/engine.ts); unset: SQLite at DATABASE_PATH. */
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//i.test(v), "只支持 postgres:// 或 postgresql:// 地址（SQLite 请用 DATABASE_PATH）")
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("localhost"),
  /** Each entry at least 32 characters; several secrets separated by commas allow rotation (the first signs). */
  SESSION_SECRET: z
    .string()
    .refine((v) => splitSecrets(v).length > 0 && splitSecrets(v).every((s) => s.length >= 32), "每个密钥（逗号分隔）都必须至少 32 个字符")
    .optional(),
  /** "1" in demo mode: demo accounts and a generated session secret kept under data/. */
  KEFU_DEMO: z.enum(["0", "1"]).default("0"),
  /** Which reverse proxies to believe about the client address (see parseTrustProxy). */
  TRUST_PROXY: z.string().default("0"),
  /** IANA time zone every date is shown in (pages, certificates, CSV, CLI); Beijing time by default. */
  KEFU_TIMEZONE: z
    .string()
    .default(DEFAULT_TIME_ZONE)
    .refine(isValidTimeZone, "未知的时区，应为 IANA 时区名，如 Asia/Shanghai"),
  /** Where content/ lives; defaults to the working directory's content/. */
  CONTENT_DIR: z.string().optional(),
  /** pino level for the server's logs (stdout, one JSON object a line). */
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  /** "1": the test clock (POST /__test/clock) — only with NODE_ENV=test. */
  KEFU_TEST_CLOCK: z.enum(["0", "1"]).default("0"),
});

export type Env = Omit<z.infer<typeof schema>, "TRUST_PROXY"> & {
  contentDir: string;
  demo: boolean;
  TRUST_PROXY: string;
  trustProxy: TrustProxy;
  testClock: boolean;
};

let cached: Env | undefined;

export function getEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (cached && source === process.env) return cached;
  // An empty variable means "not set" (as in `SESSION_SECRET= npm start`).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(cleaned);
  const lines = parsed.success ? [] : parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  const trustProxy = parsed.success ? parseTrustProxy(parsed.data.TRUST_PROXY) : false;
  if (trustProxy && typeof trustProxy === "object" && "error" in trustProxy) lines.push(`  TRUST_PROXY: ${trustProxy.error}`);
  if (parsed.success && parsed.data.KEFU_TEST_CLOCK === "1" && parsed.data.NODE_ENV !== "test")
    lines.push(`  KEFU_TEST_CLOCK：测试时钟只能在测试模式（NODE_ENV=test）下使用，当前 NODE_ENV=${parsed.data.NODE_ENV}`);
  if (!parsed.success || lines.length) throw new Error(`环境变量有误：\n${lines.join("\n")}`);
  const env: Env = {
    ...parsed.data,
    contentDir: path.resolve(parsed.data.CONTENT_DIR ?? "content"),
    demo: parsed.data.KEFU_DEMO === "1",
    trustProxy: trustProxy as TrustProxy,
    testClock: parsed.data.KEFU_TEST_CLOCK === "1",
  };
  if (source === process.env) {
    cached = env;
    setTimeZone(env.KEFU_TIMEZONE);
  }
  return env;
}
