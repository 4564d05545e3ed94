/** 界面文字:考试计时(延时、谁交的卷;并入 zh.ts 的同一目录)。 */
export const zhTime = {
  "time.sit.extended": "培训师已为你延长考试时间，剩余时间已更新，请继续作答。",
} as const;
