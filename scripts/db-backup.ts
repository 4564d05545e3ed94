/**
 * npm run db:backup -- FILE [--force]
 * An online, consistent copy of DATABASE_PATH (default data/app.db) taken while the server runs and
 * exams are being sat (SQLite's backup API; see db/backup.ts). Exits 1 with a message on any problem.
 */
import { backupDatabase, BackupError } from "../db/backup";

const args = process.argv.slice(2);
const force = args.includes("--force");
const files = args.filter((a) => !a.startsWith("--"));
if (files.length !== 1) {
  console.error("用法：npm run db:backup -- 备份文件路径 [--force]");
  process.exit(2);
}
const source = process.env.DATABASE_PATH || "data/app.db";
try {
  const r = await backupDatabase(source, files[0], { force });
  console.log(`已备份 ${source} → ${r.file}（${r.pages} 页，${(r.bytes / 1024 / 1024).toFixed(1)} MB,${r.ms} ms，完整性检查通过）`);
} catch (error) {
  console.error(error instanceof BackupError ? error.message : error);
  process.exit(1);
}
