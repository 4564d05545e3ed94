/** UI strings: accounts and security (merged into en.ts). */
export const enAccounts = {
  "import.lastAdmin": "{employeeNo} is the last active administrator and cannot be given another role; nothing was imported",
};
