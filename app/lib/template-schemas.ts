/** Form schemas for templates, shared by the template list and the template page. */
import { z } from "zod";
import { SESSION_KINDS } from "../../db/schema";
import { clockTime, optionalDecimal, optionalInt, optionalText, requiredText } from "./schemas";

export const TemplateSchema = z
  .object({
    name: requiredText(200),
    description: optionalText(1000),
    minimumMonthsBetween: optionalInt(1, 12),
    intervalDays: optionalInt(1, 365),
    defaultStartTime: clockTime,
    defaultEndTime: clockTime,
  })
  .refine((v) => v.defaultEndTime > v.defaultStartTime, { path: ["defaultEndTime"], message: "form.endBeforeStart" });

export const TemplateSessionSchema = z.object({
  kind: z.enum(SESSION_KINDS, { errorMap: () => ({ message: "form.selectOne" }) }),
  title: requiredText(300),
  theme: optionalText(300),
  expert: optionalText(1000),
  studyMaterial: optionalText(2000),
  prepHours: optionalDecimal(0, 100),
});

const TEMPLATE_FIELDS = ["name", "description", "minimumMonthsBetween", "intervalDays", "defaultStartTime", "defaultEndTime"];
const SESSION_FIELDS = ["kind", "title", "theme", "expert", "studyMaterial", "prepHours"];

function pick(formData: FormData, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, String(formData.get(n) ?? "").slice(0, 2000)]));
}

/** What the person typed, to show again next to the errors. */
export const templateFormValues = (formData: FormData) => pick(formData, TEMPLATE_FIELDS);
export const templateSessionFormValues = (formData: FormData) => pick(formData, SESSION_FIELDS);
