/** Swedish messages for the checkin pages; spread into `sv` (app/i18n/sv.ts). */
export const checkinSv = {
} as const;
