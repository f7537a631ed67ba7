/** English messages; keys mirror `surveyEntrySv`. */
import type { surveyEntrySv } from "./survey-entry.sv";

export const surveyEntryEn: Record<keyof typeof surveyEntrySv, string> = {
};
