/** Swedish messages for the portal's preparation page (material progress, reflections); spread into `sv` (app/i18n/sv.ts). */
export const portalPrepSv = {
};
