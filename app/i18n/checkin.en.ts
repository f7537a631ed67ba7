/** English messages for the checkin pages; keys mirror `checkinSv`. */
import type { checkinSv } from "./checkin.sv";

export const checkinEn: Record<keyof typeof checkinSv, string> = {
};
