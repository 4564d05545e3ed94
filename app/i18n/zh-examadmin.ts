/** 界面文字:examadmin(并入 zh.ts 的同一目录)。 */
export const zhExamAdmin = {} as const;
