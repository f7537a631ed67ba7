/** English messages for the portal's session page (details, reply, calendar, naming a substitute); keys mirror `portalSessionSv`. */
import type { portalSessionSv } from "./portal-session.sv";

export const portalSessionEn: Record<keyof typeof portalSessionSv, string> = {
};
