/** 界面文字：无障碍（键盘作答、跳转链接、可横向滚动的表格；并入 zh.ts 的同一目录）。 */
export const zhA11y = {
  "a11y.scrollTable": "{title}（表格可横向滚动）",
  "a11y.sit.skipToQuestion": "跳到当前题目",
  "a11y.sit.navHelp": "用方向键在题号之间移动，Home、End 到第一题、最后一题，按回车或空格跳到该题。",
  "a11y.sit.endTitle": "试卷结束",
  "a11y.sit.endSummary": "已作答 {answered} / {total} 题。检查完毕后即可交卷。",
} as const;
