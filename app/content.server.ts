/**
 * Reads content/ from disk once and keeps the checked, rendered bundle in memory.
 */
import fs from "node:fs";
import path from "node:path";
import { buildContentBundle, type ContentBundle, type ContentFile } from "~/domain/content-bundle";
import { parseContentRevision } from "~/domain/content-revision";
import { getEnv } from "~/env.server";

export function readContentFiles(dir: string): ContentFile[] {
  const out: ContentFile[] = [];
  for (const sub of ["modules", "facts", "scenarios", "procedures"]) {
    const full = path.join(dir, sub);
    if (!fs.existsSync(full)) continue;
    for (const name of fs.readdirSync(full)) {
      if (!name.endsWith(".md") && !name.endsWith(".json")) continue;
      out.push({ path: `${sub}/${name}`, text: fs.readFileSync(path.join(full, name), "utf8") });
    }
  }
  return out;
}

export function loadContent(dir: string): ContentBundle {
  return buildContentBundle(readContentFiles(dir));
}

/** The revision in `dir`/REVISION (a positive integer); throws a message naming the file if it is missing or wrong. */
export function readContentRevision(dir: string): number {
  const file = path.join(dir, "REVISION");
  const parsed = parseContentRevision(fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined, file);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed.revision;
}

let cached: ContentBundle | undefined;
let cachedRevision: number | undefined;

/** This server's courseware revision (content/REVISION), read once. */
export function getContentRevision(): number {
  cachedRevision ??= readContentRevision(getEnv().contentDir);
  return cachedRevision;
}

export function getContent(): ContentBundle {
  cached ??= loadContent(getEnv().contentDir);
  return cached;
}

export function getModule(slug: string) {
  const content = getContent();
  const index = content.modules.findIndex((m) => m.slug === slug);
  if (index < 0) return null;
  return {
    module: content.modules[index],
    prev: content.modules[index - 1] ?? null,
    next: content.modules[index + 1] ?? null,
  };
}

/** The outline the progress summaries need. */
export function moduleOutlines() {
  return getContent().modules.map((m) => ({
    slug: m.slug,
    title: m.title,
    order: m.order,
    minutes: m.minutes,
    sectionIds: m.toc.filter((e) => e.depth === 2).map((e) => e.id),
  }));
}
