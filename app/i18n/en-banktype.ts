/** UI strings: fill-in-the-blank questions, Excel and plain-text import (merged into en.ts). */
import type { zhBanktype } from "./zh-banktype";

export const enBanktype: Record<keyof typeof zhBanktype, string> = {
  "qb.list.exportXlsx": "Export Excel",
  "exams.type.fill_blank": "Fill in the blank",
  "reports.type.fill_blank": "Fill in the blank",
  "examadmin.type.fill_blank": "Fill in the blank",
  "qb.type.fill_blank": "Fill in the blank",
  "qb.form.blanks": "Answers of each blank",
  "qb.form.blanksHint": "In the stem, 3 or more underscores ___ make one blank. Here, one line per blank in stem order; several accepted answers of one blank are separated by | and the first is the canonical one (e.g. “双倍 | 2倍”). Grading ignores full/half width, spaces and trailing punctuation.",
  "qb.view.blanks": "Accepted answers of each blank:",
  "qb.view.blankN": "Blank {n}: ",

  "practice.type.fill_blank": "Fill in the blank",
  "practice.legend.fillBlank": "Fill in each blank",
  "practice.blankN": "Blank {n}",
  "practice.error.blanks": "Please fill in every blank.",

  "exams.sit.blankN": "Blank {n}",
  "exams.sit.blankHint": "Type the answer in each blank; full and half width are treated alike.",

  "reports.wrongAnswers": "Common wrong answers",
  "reports.wrongAnswersBlank": "Blank {n}: ",
  "reports.noWrongAnswers": "No wrong answers",

  "qb.import.introExcel": "Excel (.xlsx): the first sheet, headers in the first row, one question per row. Download the template and fill it in.",
  "qb.import.template": "Download the Excel template",
  "qb.import.introText": "Plain text (.txt, or pasted): questions copied from Word, each starting with its number (1. or 1、 or （1）), options as A. or A、, then “答案：” and “解析：” lines; optional “题型：”, “分组：”, “模块：” lines.",
  "qb.import.paste": "Or paste questions as plain text",
  "qb.import.pasteHint": "Pasted text is imported as plain text (the same as a .txt file).",
  "qb.import.requireUnit": "Numeric questions must have a unit (unticked: a numeric question without a unit imports with no unit)",
  "qb.import.notXlsx": "This Excel file cannot be read: {reason}",
  "qb.xlsx.invalid": "it is not a valid .xlsx file ({detail}). Save it in Excel or WPS as “Excel Workbook (*.xlsx)” and upload it again",
  "qb.xlsx.invalidNoDetail": "it is not a valid .xlsx file (it cannot be parsed). Save it in Excel or WPS as “Excel Workbook (*.xlsx)” and upload it again",
  "qb.xlsx.noSheet": "the file has no worksheet",
  "qb.xlsx.tooManyRows": "the worksheet has {rows} rows; at most {max} questions can be imported at once",
  "qb.import.skipUnsupported": "Skip the questions the bank cannot hold (rows marked as errors above) and import the other {n}",
  "qb.import.skipped": "Skipped: {n, plural, one {# question} other {# questions}} the bank cannot hold.",
  "qb.import.unsupportedOnly": "The file has questions the bank cannot hold (essays, descriptions), listed by line below. You may skip them and import the rest:",
  "qb.import.showSkip": "Skip the unsupported questions and preview again",
  "qb.import.outcomeSkipped": "Skipped",
};
