import { Field, SelectField, TextAreaField } from "~/components/field";
import { useT } from "~/i18n";
import type { FieldErrors } from "~/lib/validation";
import { SESSION_FORMATS } from "../../db/schema";

export function ExchangeFields({ values, errors }: { values?: Record<string, string>; errors: FieldErrors }) {
  const t = useT();
  return (
    <>
      <Field label={t("exchange.name")} name="title" type="text" defaultValue={values?.title} error={errors.title} />
      <Field label={t("session.date")} name="date" type="date" defaultValue={values?.date} error={errors.date} />
      <div className="field-row">
        <Field label={t("session.startTime")} name="startTime" type="time" defaultValue={values?.startTime ?? "09:00"} error={errors.startTime} />
        <Field label={t("session.endTime")} name="endTime" type="time" defaultValue={values?.endTime ?? "12:00"} error={errors.endTime} />
      </div>
      <SelectField
        label={t("series.format")}
        name="format"
        options={SESSION_FORMATS.map((f) => ({ value: f, label: t(`format.${f}`) }))}
        defaultValue={values?.format ?? "pa_plats"}
        error={errors.format}
      />
      <Field label={t("series.venue")} name="venue" type="text" defaultValue={values?.venue} error={errors.venue} />
      <Field label={t("series.meetingLink")} name="meetingLink" type="url" defaultValue={values?.meetingLink} error={errors.meetingLink} />
      <TextAreaField label={t("session.experts")} name="expert" defaultValue={values?.expert} error={errors.expert} />
      <TextAreaField label={t("session.notes")} name="notes" defaultValue={values?.notes} error={errors.notes} />
    </>
  );
}
