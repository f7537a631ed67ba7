/** English messages for staff handling of named substitutes and preparation figures; keys mirror `substituteStaffSv`. */
import type { substituteStaffSv } from "./substitute-staff.sv";

export const substituteStaffEn: Record<keyof typeof substituteStaffSv, string> = {
};
