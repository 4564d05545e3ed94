/** 界面文字：填空题，Excel 与纯文本导入（并入 zh.ts 的同一目录）。 */
export const zhBanktype = {
  "qb.list.exportXlsx": "导出 Excel",
  "exams.type.fill_blank": "填空题",
  "reports.type.fill_blank": "填空题",
  "examadmin.type.fill_blank": "填空",
  "qb.type.fill_blank": "填空",
  "qb.form.blanks": "每个空的答案",
  "qb.form.blanksHint": "题干里用 3 个或更多下划线 ___ 表示一个空。这里每行写一个空的答案，按空在题干中的顺序；同一个空可接受的多个答案用 | 分隔，第一个是标准答案（如“双倍 | 2倍”）。判分时不区分全角半角、空格和末尾标点。",
  "qb.view.blanks": "每个空可接受的答案：",
  "qb.view.blankN": "第 {n} 空：",

  "practice.type.fill_blank": "填空题",
  "practice.legend.fillBlank": "在每个空里填写答案",
  "practice.blankN": "第 {n} 空",
  "practice.error.blanks": "请填写每一个空。",

  "exams.sit.blankN": "第 {n} 空",
  "exams.sit.blankHint": "在每个空里填写答案；不区分全角半角。",

  "reports.wrongAnswers": "常见错误答案",
  "reports.wrongAnswersBlank": "第 {n} 空：",
  "reports.noWrongAnswers": "没有错误答案",

  "qb.import.introExcel": "Excel 表格（.xlsx）：第一个工作表，第一行是表头，每行一题。先下载模板，照着填写。",
  "qb.import.template": "下载 Excel 模板",
  "qb.import.introText": "纯文本（.txt，或直接粘贴）：从 Word 复制的题目，每题以题号开头（1. 或 1、 或（1）），选项写成 A. 或 A、，再写“答案：”和“解析：”行；可选“题型：”“分组：”“模块：”行。",
  "qb.import.paste": "或者直接粘贴纯文本题目",
  "qb.import.pasteHint": "粘贴的内容按纯文本格式导入（与 .txt 文件相同）。",
  "qb.import.requireUnit": "数值题必须有单位（不勾选时，没有单位的数值题按“无单位”导入）",
  "qb.import.notXlsx": "无法读取这个 Excel 文件：{reason}",
  "qb.import.skipUnsupported": "跳过题库不支持的题目（见上表标为“有错误”的行），导入其余 {n} 道题",
  "qb.import.skipped": "已跳过：{n} 道题库不支持的题目。",
  "qb.import.unsupportedOnly": "文件里有题库不支持的题目（如论述题、说明文字），已在下表列出行号。可以选择跳过它们，只导入其余的题目：",
  "qb.import.showSkip": "跳过不支持的题目并重新预览",
  "qb.import.outcomeSkipped": "跳过",
} as const;
