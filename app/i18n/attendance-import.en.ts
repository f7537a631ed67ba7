/** English messages for the attendance-import pages; keys mirror `attendanceImportSv`. */
import type { attendanceImportSv } from "./attendance-import.sv";

export const attendanceImportEn: Record<keyof typeof attendanceImportSv, string> = {
};
