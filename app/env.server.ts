/**
 * The environment, parsed once. A bad value stops the process with a message that names the variable.
 */
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_PATH: z.string().min(1).default("data/app.db"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("localhost"),
  /** At least 32 characters; several secrets separated by commas allow rotation (the first signs). */
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET 至少 32 个字符").optional(),
  /** "1" in demo mode: demo accounts and a generated session secret kept under data/. */
  KEFU_DEMO: z.enum(["0", "1"]).default("0"),
  /** Set to "1" behind a reverse proxy so X-Forwarded-For gives the client address. */
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
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
  if (source === process.env) cached = env;
  return env;
}
