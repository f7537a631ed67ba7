/**
 * The six questions of the readiness (förankring) checklist, in order.
 * Client-safe: the readiness form renders one field per question, so the list
 * cannot live only in the .server model (it would be undefined in the browser).
 */
export const READINESS_FIELDS = [
  "purpose",
  "initiatorMandate",
  "participatingFunctions",
  "motivation",
  "continuation",
  "ongoingWork",
] as const;
export type ReadinessField = (typeof READINESS_FIELDS)[number];
