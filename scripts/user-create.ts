/**
 * npm run user:create -- --employee-no A0001 --name 张三 [--role admin] [--team 系统] [--password …]
 *
 * Creates an account in DATABASE_PATH (default data/app.db); use it for the first admin of a
 * production install. Without --password a random one is generated and printed once.
 */
import { parseArgs } from "node:util";
import { closeDatabase, databaseFromEnv } from "../db/client";
import { findUserByEmployeeNo, insertUser } from "../db/queries/users";
import { audit } from "../db/queries/audit";
import { createUserSchema } from "../app/domain/forms";
import { generatePassword, hashPassword } from "../app/domain/password";

const usage = "用法:npm run user:create -- --employee-no 工号 --name 姓名 [--role admin|trainer|learner] [--team 班组] [--password 密码]";

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
  const target = databaseFromEnv();
  const db = await target.open();
  const { password: given, ...fields } = parsed.data;
  if (await findUserByEmployeeNo(db, fields.employeeNo)) {
    console.error(`工号 ${fields.employeeNo} 已存在,未做任何修改。`);
    process.exit(1);
  }
  const password = given ?? generatePassword();
  const user = await insertUser(db, { ...fields, passwordHash: await hashPassword(password) }, Date.now());
  await audit(db, null, "user.create", { userId: user.id, employeeNo: user.employeeNo, role: user.role, via: "cli" }, Date.now());
  await closeDatabase(db);
  console.log(`已在 ${target.where} 创建账号 ${user.employeeNo}(${user.name},角色 ${user.role})。`);
  if (!given) console.log(`初始密码(只显示这一次):${password}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
