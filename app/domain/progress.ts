/** Reading progress summaries. Pure. */
export interface ModuleOutline {
  slug: string;
  title: string;
  order: number;
  minutes: number;
  /** Anchors of the module's main (h2) sections: what "sections reached" counts. */
  sectionIds: string[];
}
export interface ProgressRecord {
  moduleSlug: string;
  sectionsReached: string[];
  completedAt: number | null;
}
export type ModuleState = "notStarted" | "inProgress" | "completed";
export interface ModuleProgress {
  slug: string;
  title: string;
  order: number;
  minutes: number;
  read: number;
  total: number;
  state: ModuleState;
  /** First section not yet reached, to continue from. */
  resumeAt: string | null;
}

export function summarizeProgress(modules: ModuleOutline[], records: ProgressRecord[]) {
  const bySlug = new Map(records.map((r) => [r.moduleSlug, r]));
  const items: ModuleProgress[] = modules.map((m) => {
    const r = bySlug.get(m.slug);
    const reached = new Set((r?.sectionsReached ?? []).filter((id) => m.sectionIds.includes(id)));
    const state: ModuleState = r?.completedAt ? "completed" : reached.size > 0 ? "inProgress" : "notStarted";
    return {
      slug: m.slug,
      title: m.title,
      order: m.order,
      minutes: m.minutes,
      read: reached.size,
      total: m.sectionIds.length,
      state,
      resumeAt: m.sectionIds.find((id) => !reached.has(id)) ?? null,
    };
  });
  const completed = items.filter((i) => i.state === "completed").length;
  const next = items.find((i) => i.state === "inProgress") ?? items.find((i) => i.state === "notStarted") ?? null;
  return { items, completed, total: items.length, next };
}

/** Only anchors that exist in the module are stored; anything else a client sends is dropped. */
export function validSectionIds(requested: string[], module: ModuleOutline): string[] {
  const known = new Set(module.sectionIds);
  return [...new Set(requested)].filter((id) => known.has(id)).slice(0, 200);
}
