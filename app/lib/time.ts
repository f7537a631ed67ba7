import { TIME_ZONE } from "./format";

/**
 * The UTC instant of a wall-clock time in Stockholm, e.g. ("2026-09-15", "09:00").
 * Works across daylight-saving changes by asking Intl for the zone's offset.
 */
export function stockholmToUtc(date: string, time: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const asUtc = Date.UTC(y, m - 1, d, hh, mm);
  // Not a date or time (zod runs an object's refinements even when a field failed its format): Invalid Date, not a throw.
  if (!Number.isFinite(asUtc)) return new Date(NaN);
  // The offset at the guessed instant; correct once more in case the guess
  // crossed a daylight-saving boundary.
  let instant = asUtc - offsetMs(asUtc);
  instant = asUtc - offsetMs(instant);
  return new Date(instant);
}

function offsetMs(instant: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return local - Math.floor(instant / 1000) * 1000;
}
