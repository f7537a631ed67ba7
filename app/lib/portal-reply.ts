/**
 * When a participant may reply to a session or name a substitute (decision
 * 011). Client-safe: the page uses it to show or hide the forms, the action
 * uses it to refuse a forged post.
 */
export type ReplyBlock = "cancelled" | "substitute" | "started" | null;

export function replyBlock(
  session: { seriesStatus: string; substituteForName: string | null; startsAt: Date | number },
  now: Date | number = Date.now(),
): ReplyBlock {
  if (session.seriesStatus === "avbruten") return "cancelled";
  // Someone who comes in another's place answers to the coordinator, not here.
  if (session.substituteForName) return "substitute";
  if (new Date(session.startsAt).getTime() <= new Date(now).getTime()) return "started";
  return null;
}

/** The expert field holds one name per line. */
export function expertLines(expert: string | null): string[] {
  return (expert ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}
