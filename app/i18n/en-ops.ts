import type { zhOps } from "./zh-ops";

export const enOps: Record<keyof typeof zhOps, string> = {
  "ops.tooLarge": "The request is too large: this page accepts at most {limit}. Please shorten it and try again; nothing was changed.",
  "ops.tooLargeUpload": "File too large: uploads may be at most {limit} (the limit stated on the page). Please choose a smaller file; nothing was changed.",
  "ops.shuttingDown": "The server is restarting. Please try again in a few seconds (what was saved is kept).",
  "ops.back": "Back to the previous page",
};
