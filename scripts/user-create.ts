/**
 * npm run user:create -- --employee-no A0001 --name 张三 [--role admin] [--team 系统] [--password …]
 *
 * Creates an account in DATABASE_PATH (default data/app.db); use it for the first admin of a
 * production install. Without --password a random one is generated and printed once.
 */
import { parseArgs } from "node:util";
import { closeDatabase, databaseFromEnv } from "../db/client";
import { createUserSchema } from "../app/domain/forms";
import { passwordProblems, PASSWORD_RULE_VARS } from "../app/domain/password-rules";
import { translator } from "../app/i18n";
import { setDb } from "../app/db.server";
import { AccountError, createAccount } from "../app/users.server";

const usage = "用法：npm run user:create -- --employee-no 工号 --name 姓名 [--role admin|trainer|learner] [--team 班组] [--password 密码]";

async function main() {
  const { values } = parseArgs({
    options: {
      "employee-no": { type: "string" },
      name: { type: "string" },
      role: { type: "string", default: "admin" },
      team: { type: "string" },
      password: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const parsed = createUserSchema.safeParse({
    employeeNo: values["employee-no"] ?? "",
    name: values.name ?? "",
    role: values.role,
    team: values.team,
    password: values.password,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${String(issue.path[0]).replace("employeeNo", "employee-no")}:${issue.message}`);
    console.error(usage);
    process.exit(2);
  }
  const { password: given, ...fields } = parsed.data;
  const t = translator("zh");
  const problems = given === undefined ? [] : passwordProblems(given, fields.employeeNo);
  if (problems.length) {
    for (const p of problems) console.error(`--password:${t(`password.rule.${p}`, PASSWORD_RULE_VARS[p])}`);
    process.exit(2);
  }
  const target = databaseFromEnv();
  const db = await target.open();
  setDb(db);
  try {
    const user = await createAccount(null, fields, given, "cli");
    console.log(`已在 ${target.where} 创建账号 ${user.employeeNo}（${fields.name}，角色 ${fields.role}）。首次登录时必须修改密码。`);
    if (user.password) console.log(`初始密码（只显示这一次）：${user.password}`);
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
    console.error(`工号 ${fields.employeeNo} 已存在，未做任何修改。`);
    process.exit(1);
  } finally {
    setDb(undefined);
    await closeDatabase(db);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
