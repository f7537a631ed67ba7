/** English messages; keys mirror `surveyAnswerSv`. */
import type { surveyAnswerSv } from "./survey-answer.sv";

export const surveyAnswerEn: Record<keyof typeof surveyAnswerSv, string> = {
};
