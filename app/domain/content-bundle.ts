/**
 * The whole courseware as one checked bundle: modules, facts, scenarios and procedures, with every
 * cross-reference verified. Pure: the caller reads the files and passes their text.
 */
import { z } from "zod";
import {
  factSchema,
  procedureSchema,
  scenarioSchema,
  type Fact,
  type Procedure,
  type Scenario,
} from "./content-schema";
import { ContentError, renderModule, type RenderedModule } from "./markdown";

const CJK = "[\\u3400-\\u9fff]";
const HALF_WIDTH = new RegExp(`(?<=${CJK})[,;?!:]|[,;?!:](?=${CJK})`, "g");
const FULL_WIDTH: Record<string, string> = { ",": "，", ";": "；", "?": "？", "!": "！", ":": "：" };

/** House style: Chinese text uses full-width punctuation. Returns "line N: …" notes for offenders. */
export function halfWidthPunctuation(text: string): string[] {
  const out: string[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/\{#[a-z0-9-]+\}|\{\{fact:[a-z0-9_]+\}\}|\]\([^)]*\)/g, " ");
    for (const m of line.matchAll(HALF_WIDTH)) {
      out.push(`第 ${i + 1} 行：中文里的半角“${m[0]}”应改为全角“${FULL_WIDTH[m[0]]}”`);
      break;
    }
  });
  return out;
}

export interface ContentFile {
  /** Path relative to content/, with forward slashes: "modules/04-sla.md", "facts/sla.json". */
  path: string;
  text: string;
}

export interface ContentBundle {
  modules: RenderedModule[];
  facts: Fact[];
  factsById: Map<string, Fact>;
  scenarios: Scenario[];
  procedures: Procedure[];
}

export interface ContentProblem {
  file: string;
  message: string;
}

export class ContentBundleError extends Error {
  constructor(public readonly problems: ContentProblem[]) {
    super(`课件内容有 ${problems.length} 处问题：\n${problems.map((p) => `  ${p.file}: ${p.message}`).join("\n")}`);
    this.name = "ContentBundleError";
  }
}

function parseJsonArray<T>(file: ContentFile, schema: z.ZodType<T>, problems: ContentProblem[]): T[] {
  for (const p of halfWidthPunctuation(file.text)) problems.push({ file: file.path, message: p });
  let data: unknown;
  try {
    data = JSON.parse(file.text);
  } catch (error) {
    problems.push({ file: file.path, message: `不是有效的 JSON:${(error as Error).message}` });
    return [];
  }
  const parsed = z.array(schema).safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ file: file.path, message: `[${issue.path.join(".")}] ${issue.message}` });
    }
    return [];
  }
  return parsed.data;
}

/** Build and check the bundle. Throws ContentBundleError listing every problem found. */
export function buildContentBundle(files: ContentFile[]): ContentBundle {
  const problems: ContentProblem[] = [];
  const byDir = (dir: string, ext: string) =>
    files.filter((f) => f.path.startsWith(`${dir}/`) && f.path.endsWith(ext)).sort((a, b) => a.path.localeCompare(b.path));

  const facts = byDir("facts", ".json").flatMap((f) => parseJsonArray(f, factSchema, problems).map((x) => ({ x, file: f.path })));
  const factsById = new Map<string, Fact>();
  for (const { x, file } of facts) {
    if (factsById.has(x.id)) problems.push({ file, message: `事实 id 重复：${x.id}` });
    factsById.set(x.id, x);
  }

  const modules: RenderedModule[] = [];
  for (const f of byDir("modules", ".md")) {
    try {
      const m = renderModule(f.path, f.text, factsById);
      const expected = `modules/${String(m.order).padStart(2, "0")}-${m.slug}.md`;
      if (f.path !== expected) problems.push({ file: f.path, message: `文件名应为 ${expected}（由 order 和 slug 决定）` });
      for (const p of m.problems) problems.push({ file: f.path, message: p });
      for (const p of halfWidthPunctuation(f.text)) problems.push({ file: f.path, message: p });
      modules.push(m);
    } catch (error) {
      if (error instanceof ContentError) for (const p of error.problems) problems.push({ file: f.path, message: p });
      else problems.push({ file: f.path, message: String(error) });
    }
  }
  modules.sort((a, b) => a.order - b.order);
  const moduleBySlug = new Map(modules.map((m) => [m.slug, m]));
  const anchors = new Map(modules.map((m) => [m.slug, new Set(m.toc.map((t) => t.id))]));
  for (const [i, m] of modules.entries()) {
    if (modules.findIndex((o) => o.slug === m.slug) !== i) problems.push({ file: m.file, message: `slug 重复：${m.slug}` });
    if (modules.findIndex((o) => o.order === m.order) !== i) problems.push({ file: m.file, message: `order 重复：${m.order}` });
  }

  const checkSection = (file: string, what: string, module: string, section: string) => {
    if (!moduleBySlug.has(module)) problems.push({ file, message: `${what}：模块 ${module} 不存在` });
    else if (!anchors.get(module)!.has(section))
      problems.push({ file, message: `${what}：模块 ${module} 中没有锚点 #${section}` });
  };

  // Internal links in modules.
  for (const m of modules) {
    for (const href of m.links) {
      const match = /^\/modules\/([a-z0-9-]+)(?:#([a-z0-9-]+))?$/.exec(href);
      if (!match) {
        problems.push({ file: m.file, message: `站内链接格式不对：${href}（应为 /modules/slug#anchor）` });
        continue;
      }
      const [, slug, anchor] = match;
      if (!moduleBySlug.has(slug)) problems.push({ file: m.file, message: `链接指向不存在的模块：${href}` });
      else if (anchor && !anchors.get(slug)!.has(anchor))
        problems.push({ file: m.file, message: `链接指向不存在的锚点：${href}` });
    }
  }

  // Facts: section exists, traps exist, cited by at least one module.
  const cited = new Set(modules.flatMap((m) => m.factIds));
  for (const { x, file } of facts) {
    checkSection(file, `事实 ${x.id}`, x.module, x.section);
    for (const t of x.traps) if (!factsById.has(t)) problems.push({ file, message: `事实 ${x.id} 的 traps 引用了不存在的事实 ${t}` });
    if (!cited.has(x.id)) problems.push({ file, message: `事实 ${x.id} 没有被任何模块引用` });
    const teaching = moduleBySlug.get(x.module);
    if (teaching && !teaching.factIds.includes(x.id))
      problems.push({ file, message: `事实 ${x.id} 指定的模块 ${x.module} 没有引用它` });
  }

  const scenarios = byDir("scenarios", ".json").flatMap((f) => parseJsonArray(f, scenarioSchema, problems).map((x) => ({ x, file: f.path })));
  const scenarioIds = new Set<string>();
  for (const { x, file } of scenarios) {
    if (scenarioIds.has(x.id)) problems.push({ file, message: `情景 id 重复：${x.id}` });
    scenarioIds.add(x.id);
    checkSection(file, `情景 ${x.id}`, x.module, x.section);
    for (const id of x.facts) {
      const fact = factsById.get(id);
      if (!fact) problems.push({ file, message: `情景 ${x.id} 引用了不存在的事实 ${id}` });
      else if (fact.status === "lost") problems.push({ file, message: `情景 ${x.id} 依赖已缺失的数字 ${id}，不能出题` });
    }
    const options = [...x.right, ...x.wrong.map((w) => w.text)];
    if (new Set(options).size !== options.length) problems.push({ file, message: `情景 ${x.id} 有重复的选项` });
  }

  const procedures = byDir("procedures", ".json").flatMap((f) => parseJsonArray(f, procedureSchema, problems).map((x) => ({ x, file: f.path })));
  const procedureIds = new Set<string>();
  for (const { x, file } of procedures) {
    if (procedureIds.has(x.id)) problems.push({ file, message: `流程 id 重复：${x.id}` });
    procedureIds.add(x.id);
    checkSection(file, `流程 ${x.id}`, x.module, x.section);
    if (new Set(x.steps).size !== x.steps.length) problems.push({ file, message: `流程 ${x.id} 有重复的步骤` });
  }

  if (modules.length === 0) problems.push({ file: "modules/", message: "没有任何课件模块" });
  if (problems.length) throw new ContentBundleError(problems);

  return {
    modules,
    facts: facts.map((f) => f.x).sort((a, b) => a.n - b.n),
    factsById,
    scenarios: scenarios.map((s) => s.x),
    procedures: procedures.map((p) => p.x),
  };
}
