/** Swedish messages for the portal's My data page and the staff data-request queue; spread into `sv` (app/i18n/sv.ts). */
export const portalDataSv = {
};
