import type { zhPolicy } from "./zh-policy";

/** UI strings: local policy figures (merged into en.ts). */
export const enPolicy: Record<keyof typeof zhPolicy, string> = {
  "policy.nav": "Local policy",
  "policy.title": "Local policy figures",
  "policy.hub": "Local policy: figures the manuals lost or your company has changed (trainers can view)",
  "policy.intro":
    "Three retention periods are missing from the manuals, and companies revise their figures over time. Admins record the company's current value and its source document here. The courseware shows it as local policy beside what the manual says, and the question bank quizzes the recorded value; changing it creates new question versions and never changes answers or scores already recorded.",
  "policy.readOnly": "Only admins can record or change a figure. You can view the current rules and their history.",
  "policy.current": "In force",
  "policy.none": "No local policy figures recorded yet.",
  "policy.fact": "Figure",
  "policy.manual": "Manual",
  "policy.local": "Local policy",
  "policy.value": "Value",
  "policy.unit": "Unit",
  "policy.unitNone": "(no unit)",
  "policy.sourceDoc": "Source document",
  "policy.sourceDocHint": "Full title, without 《》",
  "policy.effectiveDate": "Effective from",
  "policy.enteredBy": "Entered by",
  "policy.enteredAt": "Entered at",
  "policy.form": "Record or change",
  "policy.chooseFact": "Choose…",
  "policy.groupLost": "Figures missing from the manuals",
  "policy.groupOther": "Other figures",
  "policy.lostMark": "missing",
  "policy.submit": "Save",
  "policy.saved": "Saved: {fact}. Question bank updated ({created} new, {revised} new versions).",
  "policy.history": "History",
  "policy.noHistory": "No entries yet.",
};
