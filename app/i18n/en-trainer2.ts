import type { zhTrainer2 } from "./zh-trainer2";

export const enTrainer2: Record<keyof typeof zhTrainer2, string> = {
  "trainer2.download.xlsx": "Excel (.xlsx)",
  "trainer2.download.xlsxAria": "Excel (.xlsx): {what}",
};
