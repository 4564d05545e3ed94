/** 界面文字:cohorts(并入 zh.ts 的同一目录)。 */
export const zhCohorts = {} as const;
