/** 界面文字:practice(并入 zh.ts 的同一目录)。 */
export const zhPractice = {} as const;
