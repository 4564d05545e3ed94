/**
 * Reads content/ from disk once and keeps the checked, rendered bundle in memory.
 */
import fs from "node:fs";
import path from "node:path";
import { buildContentBundle, type ContentBundle, type ContentFile } from "~/domain/content-bundle";
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

let cached: ContentBundle | undefined;

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
