/** Why an exam autosave was refused (server replies and the sitting page). */
export const enAutosave = {
  "autosave.error.signedOut": "You have been signed out. Sign in again to go on (answers already saved are kept).",
  "autosave.error.tooLarge": "The save request is too large (at most {max} bytes); not saved.",
  "autosave.error.malformed": "The save request is not valid JSON; not saved.",
  "autosave.error.invalid": "Invalid save request: field {field} is not valid; not saved.",
  "autosave.error.unknownIntent": "Unknown action; not saved.",
  "autosave.error.wrongShape": "The answer does not have the form a {type} question needs; not saved.",
  "autosave.error.unknownOption": "The answer names an option this question does not have; not saved.",
  "autosave.error.notNumber": "The answer to a number question must be a number; not saved.",
  "autosave.error.unknownPair": "The answer names an item this matching question does not have; not saved.",
  "autosave.error.badCharacter": "Field {field} contains a character that cannot be stored (a NUL or an incomplete character); not saved.",
  "exams.type.fill_blank": "Fill in the blank",
};
