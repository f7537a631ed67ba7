/** Swedish messages. Messages for answering a survey (phone pages) and a series' survey list (links, QR, timing). */
export const surveyAnswerSv = {
};
