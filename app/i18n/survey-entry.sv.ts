/** Swedish messages. Messages for entering paper surveys and importing them from CSV. */
export const surveyEntrySv = {
};
