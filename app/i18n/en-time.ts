import type { zhTime } from "./zh-time";

export const enTime: Record<keyof typeof zhTime, string> = {
  "time.sit.extended": "Your trainer has given you extra time; the time left has been updated. Carry on answering.",
};
