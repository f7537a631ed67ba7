import { Field } from "~/components/field";
import { useT } from "~/i18n";
import type { FieldErrors } from "~/lib/validation";

/** The fields of a template, for both the new-template form and the template page. */
export function TemplateFields({
  values,
  errors,
}: {
  values?: Record<string, string | number | null>;
  errors: FieldErrors;
}) {
  const t = useT();
  const text = (name: string) => (values?.[name] === null || values?.[name] === undefined ? "" : String(values[name]));
  return (
    <>
      <Field label={t("templates.name")} name="name" type="text" defaultValue={text("name")} error={errors.name} />
      <Field label={t("templates.description")} name="description" type="text" defaultValue={text("description")} error={errors.description} />
      <Field
        label={t("templates.minimumMonths")}
        name="minimumMonthsBetween"
        type="text"
        inputMode="numeric"
        help={t("templates.minimumMonthsHelp")}
        defaultValue={text("minimumMonthsBetween")}
        error={errors.minimumMonthsBetween}
      />
      <Field
        label={t("templates.intervalDays")}
        name="intervalDays"
        type="text"
        inputMode="numeric"
        help={t("templates.intervalDaysHelp")}
        defaultValue={text("intervalDays")}
        error={errors.intervalDays}
      />
      <div className="field-row">
        <Field label={t("templates.defaultStart")} name="defaultStartTime" type="time" defaultValue={text("defaultStartTime") || "08:30"} error={errors.defaultStartTime} />
        <Field label={t("templates.defaultEnd")} name="defaultEndTime" type="time" defaultValue={text("defaultEndTime") || "12:00"} error={errors.defaultEndTime} />
      </div>
    </>
  );
}
