/** When the privacy notice and accessibility statement were last reviewed (shown on both pages). */
export const POLICY_UPDATED = "2026-11-23";
