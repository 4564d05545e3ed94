/**
 * The courseware's revision: a positive integer in content/REVISION, bumped whenever the courseware
 * changes. The database remembers the newest revision a server started with (table app_meta), so a
 * server with older files than another already used refuses to start instead of syncing the older
 * courseware over the newer. Pure: the caller reads the file and the database.
 */
export const CONTENT_REVISION_KEY = "content_revision";

/** The revision in REVISION's text, or a message saying what is wrong (`where`: the file's path). */
export function parseContentRevision(text: string | undefined, where: string): { revision: number } | { error: string } {
  if (text === undefined) return { error: `缺少课件版本文件 ${where}：其中应为一个正整数（课件每次修改后加 1）。` };
  const trimmed = text.trim();
  if (!/^[0-9]+$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed)) || Number(trimmed) < 1)
    return { error: `课件版本文件 ${where} 的内容“${trimmed.slice(0, 40)}”不是正整数：其中应只有一个正整数（如 1），课件每次修改后加 1。` };
  return { revision: Number(trimmed) };
}

export type RevisionDecision = { action: "same" } | { action: "store" } | { action: "refuse"; message: string };

/**
 * What a starting server does given its own revision and the one stored in the database (undefined: none
 * yet): newer files are stored (and synced as always), equal ones change nothing, older ones refuse.
 */
export function decideContentRevision(own: number, stored: string | undefined): RevisionDecision {
  const previous = stored === undefined ? undefined : Number(stored);
  if (previous === undefined || !Number.isSafeInteger(previous) || previous < own) return { action: "store" };
  if (previous === own) return { action: "same" };
  return {
    action: "refuse",
    message: `数据库中的课件版本为 ${previous}，比本服务器课件文件的版本 ${own} 更新（另一台服务器已用更新的课件启动过）。请先把本服务器的 content/ 更新到版本 ${previous} 或更高，再启动。`,
  };
}
