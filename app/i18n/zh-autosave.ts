/** 考试自动保存被拒绝时的说明(服务器回复与作答页共用)。 */
export const zhAutosave = {
  "autosave.error.signedOut": "登录已失效，请重新登录后继续作答（已保存的答案不会丢失）。",
  "autosave.error.tooLarge": "保存请求过大（最多 {max} 字节），未保存。",
  "autosave.error.malformed": "保存请求不是有效的 JSON，未保存。",
  "autosave.error.invalid": "保存请求无效：字段 {field} 不符合要求，未保存。",
  "autosave.error.unknownIntent": "未知操作，未保存。",
  "autosave.error.wrongShape": "答案格式不符合{type}的要求，未保存。",
  "autosave.error.unknownOption": "答案里有本题没有的选项，未保存。",
  "autosave.error.notNumber": "数值题的答案必须是一个数，未保存。",
  "autosave.error.unknownPair": "匹配题的答案里有本题没有的项目，未保存。",
  "autosave.error.badCharacter": "字段 {field} 含有无法保存的字符（空字符或不完整的字符），未保存。",
  "exams.type.fill_blank": "填空题",
};
