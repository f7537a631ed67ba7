/** Turns the template model's problems (message keys per field) into translated field errors. */
import type { Translate } from "~/i18n";
import type { Problems } from "~/models/survey-template.server";
import type { FieldErrors } from "./validation";

export function translateProblems(t: Translate, problems: Problems): FieldErrors {
  return Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, t(p.key, p.params)]));
}
