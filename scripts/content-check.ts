/**
 * npm run content:check — validates content/ (frontmatter, anchors, internal links, fact ids, scenario
 * and procedure references). Exits 1 and lists every problem when anything is wrong.
 */
import path from "node:path";
import { ContentBundleError } from "../app/domain/content-bundle";
import { loadContent } from "../app/content.server";

const dir = path.resolve(process.argv[2] ?? process.env.CONTENT_DIR ?? "content");
try {
  const c = loadContent(dir);
  const lost = c.facts.filter((f) => f.status === "lost").length;
  console.log(
    `课件检查通过：${c.modules.length} 个模块，${c.facts.length} 个数字（${lost} 个原文缺失）,${c.scenarios.length} 个情景，${c.procedures.length} 个流程。`,
  );
} catch (error) {
  if (error instanceof ContentBundleError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
