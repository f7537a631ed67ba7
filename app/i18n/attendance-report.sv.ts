/** Swedish messages for the attendance-report pages; spread into `sv` (app/i18n/sv.ts). */
export const attendanceReportSv = {
} as const;
