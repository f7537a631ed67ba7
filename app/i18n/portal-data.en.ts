/** English messages for the portal's My data page and the staff data-request queue; keys mirror `portalDataSv`. */
import type { portalDataSv } from "./portal-data.sv";

export const portalDataEn: Record<keyof typeof portalDataSv, string> = {
};
