/** Swedish messages. Messages for the survey template builder. */
export const surveyTemplateSv = {
};
