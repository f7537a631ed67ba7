/** English messages; keys mirror `surveyAnalysisSv`. */
import type { surveyAnalysisSv } from "./survey-analysis.sv";

export const surveyAnalysisEn: Record<keyof typeof surveyAnalysisSv, string> = {
};
