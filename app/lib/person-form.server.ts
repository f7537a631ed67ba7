/**
 * The participant form (name, e-mail, workplace, municipality, sector, role,
 * title, level), shared by registration, substitutes and walk-ins so that a
 * person is described the same way wherever they are added.
 */
import { z } from "zod";
import type { Translate } from "~/i18n";
import type { PersonInput } from "~/models/participant.server";
import { seriesMunicipalities } from "~/models/participant.server";
import { LEVELS, ROLE_CATEGORIES, SECTORS } from "../../db/schema";
import { suggestRoleCategory } from "./role-suggestion";
import { email, optionalText, requiredText } from "./schemas";
import { parseFormData, type FieldErrors } from "./validation";

export const PersonSchema = z.object({
  name: requiredText(200),
  email,
  workplace: optionalText(300),
  organisationId: z.coerce.number().int().nonnegative("participants.municipalityInvalid").optional(),
  sector: z.enum(SECTORS, { errorMap: () => ({ message: "participants.sectorInvalid" }) }),
  roleCategory: z.union([z.enum(ROLE_CATEGORIES), z.literal("")], { errorMap: () => ({ message: "participants.roleInvalid" }) }),
  jobTitle: optionalText(200),
  level: z.union([z.enum(LEVELS), z.literal("")], { errorMap: () => ({ message: "participants.levelInvalid" }) }),
});

export const PERSON_FIELDS = ["name", "email", "workplace", "organisationId", "sector", "roleCategory", "jobTitle", "level"] as const;
export type PersonFormValues = Record<(typeof PERSON_FIELDS)[number], string>;

/** What the person typed, to fill the form again after an error. */
export function personFormValues(formData: FormData): PersonFormValues {
  return Object.fromEntries(PERSON_FIELDS.map((f) => [f, String(formData.get(f) ?? "").slice(0, 400)])) as PersonFormValues;
}

/**
 * Validates the form for a series: the municipality must be one of the
 * series' own (or its districts); a missing role is suggested from the title.
 */
export function parsePersonForm(
  formData: FormData,
  seriesId: number,
  t: Translate,
): { ok: true; person: PersonInput } | { ok: false; errors: FieldErrors } {
  const parsed = parseFormData(PersonSchema, formData, t);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const data = parsed.data;
  const municipalities = seriesMunicipalities({ seriesId }).map((m) => m.id);
  const organisationId = data.organisationId || municipalities[0] || null;
  if (organisationId !== null && !municipalities.includes(organisationId)) {
    return { ok: false, errors: { organisationId: t("participants.municipalityInvalid") } };
  }
  return {
    ok: true,
    person: {
      name: data.name,
      email: data.email,
      workplace: data.workplace,
      organisationId,
      sector: data.sector,
      roleCategory: data.roleCategory || suggestRoleCategory(data.jobTitle) || "annat",
      jobTitle: data.jobTitle,
      level: data.level || null,
    },
  };
}
