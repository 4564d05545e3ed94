import type { zhA11y } from "./zh-a11y";

export const enA11y: Record<keyof typeof zhA11y, string> = {
  "a11y.scrollTable": "{title} (table scrolls sideways)",
  "a11y.sit.skipToQuestion": "Skip to the current question",
  "a11y.sit.navHelp": "Use the arrow keys to move between question numbers, Home and End for the first and last; Enter or Space goes to the question.",
  "a11y.sit.endTitle": "End of the paper",
  "a11y.sit.endSummary": "{answered} of {total} questions answered. Submit when you have checked your answers.",
};
