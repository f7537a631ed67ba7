/**
 * The template builder's form fields: the template's details (name, phase,
 * intro) and one item. Plain fields that post without JavaScript; with it,
 * the item form hides the fields that do not belong to the chosen kind.
 */
import { useEffect, useState } from "react";
import { SURVEY_ITEM_KINDS, SURVEY_PHASES, type SurveyItemKind } from "../../db/schema";
import { Field, SelectField, TextAreaField } from "~/components/field";
import { useT } from "~/i18n";
import { isChoice, isLikert } from "~/lib/survey-template-form";
import type { FieldErrors } from "~/lib/validation";

type Values = Record<string, string | null | undefined> | undefined;
const text = (values: Values, name: string) => values?.[name] ?? "";

/** True once React runs in the browser; the server and the first render say false. */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export function TemplateDetailsFields({ values, errors, phaseLocked }: { values: Values; errors: FieldErrors; phaseLocked: boolean }) {
  const t = useT();
  const phase = text(values, "phase") || "pre";
  return (
    <>
      <Field label={t("surveyTemplate.field.name")} name="name" type="text" defaultValue={text(values, "name")} error={errors.name} autoComplete="off" />
      {phaseLocked ? (
        <div className="field">
          <p className="survey-tpl-label">{t("surveyTemplate.field.phase")}</p>
          <p className="help">{t("surveyTemplate.phaseLockedHelp", { phase: t(`survey.phase.${phase as "pre"}`) })}</p>
        </div>
      ) : (
        <fieldset className="field survey-tpl-radios" aria-describedby={errors.phase ? "field-phase-error" : "field-phase-help"}>
          <legend>{t("surveyTemplate.field.phase")}</legend>
          <p className="help" id="field-phase-help">
            {t("surveyTemplate.field.phaseHelp")}
          </p>
          {SURVEY_PHASES.map((p) => (
            <div className="checkbox" key={p}>
              <input type="radio" id={`field-phase-${p}`} name="phase" value={p} defaultChecked={phase === p} aria-invalid={errors.phase ? true : undefined} />
              <label htmlFor={`field-phase-${p}`}>
                {t(`surveyTemplate.phaseOption.${p}`)}{" "}
                <span className="survey-tpl-note survey-tpl-note--inline">
                  {t("surveyTemplate.phaseWording", { lower: t(`survey.category.${p}.lagre`), higher: t(`survey.category.${p}.hogre`) })}
                </span>
              </label>
            </div>
          ))}
          {errors.phase ? (
            <p className="error" id="field-phase-error">
              {errors.phase}
            </p>
          ) : null}
        </fieldset>
      )}
      <TextAreaField label={t("surveyTemplate.field.intro")} name="intro" help={t("surveyTemplate.field.introHelp")} rows={4} defaultValue={text(values, "intro")} error={errors.intro} />
    </>
  );
}

export function ItemFields({ values, errors }: { values: Values; errors: FieldErrors }) {
  const t = useT();
  const hydrated = useHydrated();
  const initialKind = (SURVEY_ITEM_KINDS as readonly string[]).includes(text(values, "kind")) ? (text(values, "kind") as SurveyItemKind) : "likert";
  const [kind, setKind] = useState<SurveyItemKind>(initialKind);
  // Without JavaScript every field is shown; the help texts say which kinds use them.
  const showLikert = !hydrated || isLikert(kind);
  const showChoice = !hydrated || isChoice(kind);
  const showRespondent = !hydrated || kind === "single";
  return (
    <>
      <div className="field-row">
        <Field
          label={t("surveyTemplate.field.code")}
          name="code"
          type="text"
          help={t("surveyTemplate.field.codeHelp")}
          defaultValue={text(values, "code")}
          error={errors.code}
          autoComplete="off"
          spellCheck={false}
        />
        <SelectField
          label={t("surveyTemplate.field.kind")}
          name="kind"
          options={SURVEY_ITEM_KINDS.map((k) => ({ value: k, label: t(`surveyTemplate.kind.${k}`) }))}
          defaultValue={initialKind}
          error={errors.kind}
          onChange={(event) => setKind(event.currentTarget.value as SurveyItemKind)}
        />
      </div>
      <Field label={t("surveyTemplate.field.prompt")} name="prompt" type="text" defaultValue={text(values, "prompt")} error={errors.prompt} autoComplete="off" />
      <Field
        label={t("surveyTemplate.field.leadIn")}
        name="leadIn"
        type="text"
        help={t("surveyTemplate.field.leadInHelp")}
        defaultValue={text(values, "leadIn")}
        error={errors.leadIn}
        autoComplete="off"
      />
      <div className="field-row" hidden={!showLikert}>
        <Field
          label={t("surveyTemplate.field.lowLabel")}
          name="lowLabel"
          type="text"
          help={t("surveyTemplate.field.lowLabelHelp", { label: t("survey.scale.low") })}
          defaultValue={text(values, "lowLabel")}
          error={errors.lowLabel}
          autoComplete="off"
        />
        <Field
          label={t("surveyTemplate.field.highLabel")}
          name="highLabel"
          type="text"
          help={t("surveyTemplate.field.highLabelHelp", { label: t("survey.scale.high") })}
          defaultValue={text(values, "highLabel")}
          error={errors.highLabel}
          autoComplete="off"
        />
      </div>
      <div hidden={!showChoice}>
        <TextAreaField
          label={t("surveyTemplate.field.options")}
          name="options"
          rows={5}
          help={t("surveyTemplate.field.optionsHelp")}
          defaultValue={text(values, "options")}
          error={errors.options}
        />
      </div>
      <div hidden={!showRespondent}>
        <SelectField
          label={t("surveyTemplate.field.respondentField")}
          name="respondentField"
          help={t("surveyTemplate.field.respondentFieldHelp")}
          options={[
            { value: "", label: t("surveyTemplate.respondentField.none") },
            { value: "sector", label: t("surveyTemplate.respondentField.sector") },
            { value: "role", label: t("surveyTemplate.respondentField.role") },
          ]}
          defaultValue={text(values, "respondentField")}
          error={errors.respondentField}
        />
      </div>
      <div className="checkbox">
        <input id="field-required" type="checkbox" name="required" value="1" defaultChecked={text(values, "required") === "1" || text(values, "required") === "on"} />
        <label htmlFor="field-required">{t("surveyTemplate.field.required")}</label>
      </div>
    </>
  );
}
