/** English messages for the portal's preparation page (material progress, reflections); keys mirror `portalPrepSv`. */
import type { portalPrepSv } from "./portal-prep.sv";

export const portalPrepEn: Record<keyof typeof portalPrepSv, string> = {
};
