/** Swedish messages for the portal's session page (details, reply, calendar, naming a substitute); spread into `sv` (app/i18n/sv.ts). */
export const portalSessionSv = {
};
