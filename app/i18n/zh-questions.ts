/** 界面文字:questions(并入 zh.ts 的同一目录)。 */
export const zhQuestions = {} as const;
