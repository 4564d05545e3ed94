/** 界面文字：账号与安全（并入 zh.ts 的同一目录）。 */
export const zhAccounts = {
  "import.lastAdmin": "工号 {employeeNo} 是最后一个可用的管理员，不能改为其他角色；本次导入未做任何更改",
} as const;
