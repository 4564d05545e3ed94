/** 界面文字:exams(并入 zh.ts 的同一目录)。 */
export const zhExams = {} as const;
