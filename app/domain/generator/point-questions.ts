/**
 * Questions on the course points of course-points.ts: one question per point (one family each).
 */
import type { Rng } from "../prng";
import { clozeSolution, parseCloze } from "./cloze";
import type { CoursePoint } from "./course-points";
import { familyOf, genId, withIds } from "./ids";
import { fixedPlan, type GeneratedQuestion, type QuestionPlan } from "./types";

function base(p: CoursePoint) {
  const family = p.kind === "cloze" && p.tags.includes("标准用语") ? familyOf.phrase(p.id) : familyOf.point(p.id);
  return { module: p.module, section: p.section, facts: [] as string[], tags: [...p.tags], source: "generated" as const, family };
}

export function pointPlans(p: CoursePoint): QuestionPlan[] {
  switch (p.kind) {
    case "cloze": {
      const { stem, answer } = parseCloze(p.text);
      return [
        fixedPlan({ id: genId.point(p.id, "cloze"), type: "fill_blank", stem: `填空：${stem}`, options: [], answer, explanation: `${clozeSolution(p.text)}\n\n${p.explanation}`, ...base(p) }),
      ];
    }
    case "count":
      return [
        fixedPlan({
          id: genId.point(p.id, "numeric"),
          type: "numeric",
          stem: `填空（填写数字）：${p.stem}`,
          options: [],
          answer: { value: p.value, tolerance: 0, unit: p.unit },
          explanation: p.explanation,
          ...base(p),
        }),
      ];
    case "match":
      return [
        fixedPlan({ id: genId.point(p.id, "matching"), type: "matching", stem: p.stem, options: [], answer: p.pairs.map(([l, r]) => [l, r]), explanation: p.explanation, ...base(p) }),
      ];
    case "pick": {
      const id = genId.point(p.id, "single");
      const [key, ...wrong] = withIds("o", [p.key, ...p.wrong]);
      return [
        {
          id,
          build: (rng: Rng): GeneratedQuestion => ({
            id,
            type: "single",
            stem: p.stem,
            options: rng.shuffle([key, ...wrong].map((o) => ({ ...o }))),
            answer: key.id,
            explanation: p.explanation,
            ...base(p),
          }),
        },
      ];
    }
    case "select": {
      const id = genId.point(p.id, "multiple");
      const options = withIds("t", [...p.right, ...p.wrong]);
      const right = options.slice(0, p.right.length).map((o) => o.id);
      return [
        {
          id,
          build: (rng: Rng): GeneratedQuestion => ({
            id,
            type: "multiple",
            stem: p.stem,
            options: rng.shuffle(options.map((o) => ({ ...o }))),
            answer: [...right],
            explanation: p.explanation,
            ...base(p),
          }),
        },
      ];
    }
    case "order": {
      const id = genId.point(p.id, "ordering");
      const steps = withIds("s", p.steps);
      return [
        {
          id,
          build: (rng: Rng): GeneratedQuestion => {
            let shown = rng.shuffle(steps.map((s) => ({ ...s })));
            if (shown.every((s, i) => s.id === steps[i].id)) shown = [...shown.slice(1), shown[0]];
            return { id, type: "ordering", stem: p.stem, options: shown, answer: steps.map((s) => s.id), explanation: p.explanation, ...base(p) };
          },
        },
      ];
    }
  }
}
