/** English messages for the attendance-report pages; keys mirror `attendanceReportSv`. */
import type { attendanceReportSv } from "./attendance-report.sv";

export const attendanceReportEn: Record<keyof typeof attendanceReportSv, string> = {
};
