/** Trainer pages: words, not ids; exports as Excel (issue 12 §1, §7). */
export const zhTrainer2 = {
  "trainer2.download.xlsx": "Excel（.xlsx）",
  "trainer2.download.xlsxAria": "Excel（.xlsx）：{what}",
} as const;
