/** Swedish messages for the attendance-import pages; spread into `sv` (app/i18n/sv.ts). */
export const attendanceImportSv = {
} as const;
