/**
 * House style: Chinese text uses full-width punctuation （，：；？！）. Fails on a half-width `:;,?!()`
 * next to or inside Chinese text in the Chinese catalogue, and in Chinese string literals anywhere
 * under app/, scripts/ and server.ts (server messages, domain errors, the CLI's output).
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { zh } from "~/i18n/zh";
import { halfWidthInChinese, toFullWidth } from "../helpers/zh-punctuation";

const ROOT = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(d.name) ? [rel] : [];
  });
}

/** Chinese string literals (and template literals, `${…}` masked) with half-width marks, as "file:line: text". */
function offenders(file: string): string[] {
  const src = fs.readFileSync(path.join(ROOT, file), "utf8");
  const sf = ts.createSourceFile(file, src, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const start = node.getStart(sf);
      let text = src.slice(start, node.end);
      if (ts.isTemplateExpression(node)) {
        const chars = text.split("");
        for (const span of node.templateSpans) for (let i = span.expression.getStart(sf) - start; i < span.expression.end - start; i++) chars[i] = "x";
        text = chars.join("");
      }
      if (halfWidthInChinese(text).length) out.push(`${file}:${sf.getLineAndCharacterOfPosition(start).line + 1}: ${text.slice(0, 80)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe("Chinese text uses full-width punctuation", () => {
  it("finds half-width marks in Chinese and leaves code, numbers, placeholders and quoted input alone", () => {
    expect(halfWidthInChinese("班级成绩:{name}")).toEqual([4]);
    expect(toFullWidth("已停止: 数据库已关闭, 请重试(稍后)")).toBe("已停止：数据库已关闭，请重试（稍后）");
    expect(toFullWidth("{name}:{title}（第 {n} 次）")).toBe("{name}：{title}（第 {n} 次）");
    expect(toFullWidth("工号 (A0001)")).toBe("工号（A0001）");
    expect(halfWidthInChinese("截止到 23:59，共 1,000 人")).toEqual([]);
    expect(halfWidthInChinese("每个空的答案用“;”分隔，表头为“工号,姓名”")).toEqual([]);
    expect(halfWidthInChinese("已启动：http://${host}:${port}")).toEqual([]);
    expect(halfWidthInChinese("GIFT (Moodle) and JSON, in English")).toEqual([]);
  });

  it("in every value of the Chinese catalogue", () => {
    const bad = Object.entries(zh).filter(([, v]) => halfWidthInChinese(v).length).map(([k, v]) => `${k}: ${v}`);
    expect(bad).toEqual([]);
  });

  it("in Chinese string literals under app/, scripts/ and server.ts", () => {
    const files = [...sourceFiles("app").filter((f) => !/^app[\\/]i18n[\\/]en/.test(f)), ...sourceFiles("scripts"), "server.ts"];
    expect(files.flatMap(offenders)).toEqual([]);
  }, 60_000);
});
