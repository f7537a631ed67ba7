/**
 * When a survey is open. Until a process leader sets the times, they follow
 * the survey's session, so moving a seminar moves its survey:
 * - pre (förenkät): opens 30 minutes before seminar 1 starts – it is answered
 *   in the room at the start – and closes 28 days after that seminar ends;
 * - post (efterenkät) and other surveys: open 45 minutes before the session
 *   ends – at the end of seminar 3 – and close 28 days after it ends, so paper
 *   forms can be entered afterwards.
 * A survey without a session and without set times is not open.
 */
import type { SurveyPhase } from "../../db/schema";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
export const PRE_OPENS_BEFORE_START = 30 * MINUTE;
export const POST_OPENS_BEFORE_END = 45 * MINUTE;
export const CLOSES_AFTER_END = 28 * DAY;

export type SurveyWindow = { opensAt: Date; closesAt: Date; followsSession: boolean };
export type SurveyState = "notOpen" | "open" | "closed";

export function surveyWindow({
  phase,
  opensAt,
  closesAt,
  session,
}: {
  phase: SurveyPhase;
  opensAt: Date | null;
  closesAt: Date | null;
  session: { startsAt: Date; endsAt: Date } | null;
}): SurveyWindow | null {
  if (opensAt && closesAt) return { opensAt, closesAt, followsSession: false };
  if (!session) return null;
  const defaultOpens =
    phase === "pre" ? session.startsAt.getTime() - PRE_OPENS_BEFORE_START : session.endsAt.getTime() - POST_OPENS_BEFORE_END;
  return {
    opensAt: opensAt ?? new Date(defaultOpens),
    closesAt: closesAt ?? new Date(session.endsAt.getTime() + CLOSES_AFTER_END),
    followsSession: !opensAt && !closesAt,
  };
}

export function surveyState(window: SurveyWindow | null, now: Date): SurveyState {
  if (!window || now < window.opensAt) return "notOpen";
  return now < window.closesAt ? "open" : "closed";
}
