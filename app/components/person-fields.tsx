import { Field, SelectField } from "~/components/field";
import { useT } from "~/i18n";
import type { FieldErrors } from "~/lib/validation";
import { LEVELS, ROLE_CATEGORIES, SECTORS } from "../../db/schema";

/** The fields that describe a participant; the same everywhere a person is added. */
export function PersonFields({
  municipalities,
  values,
  errors,
  defaultSector = "skola",
}: {
  municipalities: { id: number; name: string }[];
  values?: Partial<Record<string, string>>;
  errors: FieldErrors;
  defaultSector?: string;
}) {
  const t = useT();
  return (
    <>
      <Field label={t("participants.name")} name="name" type="text" autoComplete="off" defaultValue={values?.name} error={errors.name} />
      <Field label={t("participants.email")} name="email" type="email" autoComplete="off" defaultValue={values?.email} error={errors.email} />
      <Field label={t("participants.workplace")} name="workplace" type="text" defaultValue={values?.workplace} error={errors.workplace} />
      {municipalities.length > 1 ? (
        <SelectField
          label={t("participants.municipality")}
          name="organisationId"
          options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
          defaultValue={values?.organisationId}
          error={errors.organisationId}
        />
      ) : null}
      <SelectField
        label={t("participants.sector")}
        name="sector"
        options={SECTORS.map((s) => ({ value: s, label: t(`sector.${s}`) }))}
        defaultValue={values?.sector ?? defaultSector}
        error={errors.sector}
      />
      <Field label={t("participants.jobTitle")} name="jobTitle" type="text" defaultValue={values?.jobTitle} error={errors.jobTitle} />
      <SelectField
        label={t("participants.roleCategory")}
        name="roleCategory"
        help={t("participants.roleHelp")}
        options={[{ value: "", label: t("participants.roleSuggest") }, ...ROLE_CATEGORIES.map((r) => ({ value: r, label: t(`roleCategory.${r}`) }))]}
        defaultValue={values?.roleCategory ?? ""}
        error={errors.roleCategory}
      />
      <SelectField
        label={t("participants.level")}
        name="level"
        options={[{ value: "", label: t("participants.levelNone") }, ...LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))]}
        defaultValue={values?.level ?? ""}
        error={errors.level}
      />
    </>
  );
}
