/** Swedish messages for staff handling of named substitutes and preparation figures; spread into `sv` (app/i18n/sv.ts). */
export const substituteStaffSv = {
};
