/** English messages; keys mirror `surveyTemplateSv`. */
import type { surveyTemplateSv } from "./survey-template.sv";

export const surveyTemplateEn: Record<keyof typeof surveyTemplateSv, string> = {
};
