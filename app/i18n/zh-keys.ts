/** 答案保护相关的界面文字:复习时机、仅考试题库、题目分组。 */
export const zhKeys = {
  "exams.result.heldWhileAttemptsLeft": "你还可以再考，正确答案和解析要等你用完作答次数（或考试结束）后才公布；现在只显示成绩。",
  "exams.result.afterClose": "正确答案和解析将在考试结束后公布。",
  "exams.result.neverShown": "本考试交卷后只公布成绩，不公布正确答案。",
  "exams.reviewTiming.immediately": "交卷后（用完作答次数时）立即",
  "exams.reviewTiming.after_last_attempt": "用完全部作答次数后",
  "exams.reviewTiming.after_close": "考试结束后",
  "exams.reviewTiming.never": "从不公布",
  "examadmin.field.reviewTiming": "何时公布正确答案",
  "examadmin.field.reviewTimingHint": "无论怎样选，只要学员还能再考且考试未结束，都只显示成绩。",
  "examadmin.field.poolInPractice": "允许本考试可抽到的题目也出现在练习和数字速记中",
  "examadmin.field.poolInPracticeHint": "不勾选（建议）：这些题只用于考试。练习会当场给出正确答案，考过练习中见过的题，证书就不可信。",
  "questions.field.family": "分组",
  "questions.field.familyHint": "考同一个知识点的题目填相同的分组（例如同一数字的单选题和判断题）；同一张试卷每组最多抽一道。留空即以本题编号为分组。",
  "practice.reserved": "这道题正在你未交卷的试卷上或仅用于考试，不能在练习中作答。",
};
