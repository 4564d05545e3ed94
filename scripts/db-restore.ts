/**
 * npm run db:restore -- FILE
 * Puts a backup in place of DATABASE_PATH (default data/app.db). Refuses while a server runs on that
 * database; the database it replaces is kept as <DATABASE_PATH>.replaced-<time>. See db/backup.ts.
 */
import { BackupError, restoreDatabase } from "../db/backup";

const files = process.argv.slice(2).filter((a) => !a.startsWith("--"));
if (files.length !== 1) {
  console.error("用法：npm run db:restore -- 备份文件路径");
  process.exit(2);
}
const target = process.env.DATABASE_PATH || "data/app.db";
try {
  const r = await restoreDatabase(files[0], target);
  console.log(`已恢复 ${files[0]} → ${r.restored}（结构版本 ${r.schemaVersion}）`);
  if (r.replaced) console.log(`原数据库已保留为 ${r.replaced}`);
  console.log("启动服务后会照常检查并迁移数据库。");
} catch (error) {
  console.error(error instanceof BackupError ? error.message : error);
  process.exit(1);
}
