/** Swedish messages. Messages for the survey analysis, its exports and free-text coding. */
export const surveyAnalysisSv = {
};
