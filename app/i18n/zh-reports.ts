/** 界面文字:reports(并入 zh.ts 的同一目录)。 */
export const zhReports = {} as const;
