/**
 * The participants' survey pages (/enkat…), built for a phone held in one
 * hand in the seminar room: one column, large touch targets, native radio
 * buttons and checkboxes in labelled fieldsets, and nothing that needs
 * JavaScript (the character counter is an extra).
 */
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Field, FormError } from "~/components/field";
import { useT } from "~/i18n";
import { CodeForm } from "./code-form";
import { formatDate, formatTime } from "~/lib/format";
import { answerField, DONT_KNOW_DIGIT, LIKERT_MAX, LIKERT_MIN, TEXT_ANSWER_MAX } from "~/lib/survey-answers";
import type { SurveyItemKind, SurveyOption, SurveyPhase } from "../../db/schema";

type Dateish = Date | string;

export type SurveyHeaderView = {
  name: string;
  seriesName: string;
  session: { position: number; title: string; startsAt: Dateish } | null;
  state: "notOpen" | "open" | "closed";
  opensAt: Dateish | null;
  closesAt: Dateish | null;
};

export type SurveyItemView = {
  code: string;
  kind: SurveyItemKind;
  leadIn: string | null;
  prompt: string;
  options: SurveyOption[] | null;
  lowLabel: string | null;
  highLabel: string | null;
  required: boolean;
};

export type SurveyFormView = SurveyHeaderView & { intro: string | null; items: SurveyItemView[]; pairing: boolean; phase: SurveyPhase };

type Values = Record<string, string[]>;
type Errors = Record<string, string>;

export function SurveyShell({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="survey-public">
      <h1>{title}</h1>
      {children}
    </div>
  );
}

/** Which survey this is: series and session. */
export function SurveyHeader({ survey }: { survey: Pick<SurveyHeaderView, "seriesName" | "session"> }) {
  const t = useT();
  return (
    <p className="survey-public__context">
      {survey.seriesName}
      {survey.session ? (
        <>
          <br />
          {t("surveyAnswer.public.session", {
            position: survey.session.position,
            title: survey.session.title,
            date: formatDate(new Date(survey.session.startsAt)),
          })}
        </>
      ) : null}
    </p>
  );
}

function at(t: ReturnType<typeof useT>, value: Dateish) {
  return t("surveyAnswer.public.at", { date: formatDate(new Date(value)), time: formatTime(new Date(value)) });
}

/** Why the survey cannot be answered now, with its times. */
export function WindowNotice({ survey }: { survey: SurveyHeaderView }) {
  const t = useT();
  if (survey.state === "open") return null;
  if (!survey.opensAt || !survey.closesAt) {
    return (
      <div className="notice notice--warn" role="status">
        <p>{t("surveyAnswer.public.noTimes")}</p>
      </div>
    );
  }
  return (
    <div className="notice notice--warn survey-window" role="status">
      <p>{t(survey.state === "notOpen" ? "surveyAnswer.public.notOpen" : "surveyAnswer.public.closed")}</p>
      <p>
        {t(survey.state === "notOpen" ? "surveyAnswer.public.isOpen" : "surveyAnswer.public.wasOpen")}
        <br />
        <span className="nowrap">{t("surveyAnswer.public.from", { at: at(t, survey.opensAt) })}</span>
        <br />
        <span className="nowrap">{t("surveyAnswer.public.to", { at: at(t, survey.closesAt) })}</span>
      </p>
    </div>
  );
}

/** The code field of /enkat; always posts there, which sends a right code on to its page. */
export function SurveyCodeForm({ error, defaultValue }: { error?: string; defaultValue?: string }) {
  const t = useT();
  return (
    <CodeForm
      action="/enkat"
      name="survey"
      label={t("surveyAnswer.public.codeLabel")}
      help={t("surveyAnswer.public.codeHelp")}
      submit={t("surveyAnswer.public.next")}
      error={error}
      defaultValue={defaultValue}
    />
  );
}

/** Runs of items that share a lead-in ("Jag har förväntningar på att seminarieserien kan öka:"), in order. */
function groupItems(items: SurveyItemView[]): { leadIn: string | null; items: SurveyItemView[] }[] {
  const groups: { leadIn: string | null; items: SurveyItemView[] }[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && item.leadIn !== null && last.leadIn === item.leadIn) last.items.push(item);
    else groups.push({ leadIn: item.leadIn, items: [item] });
  }
  return groups;
}

function ids(code: string) {
  const safe = code.replace(/[^A-Za-z0-9_-]/g, "_");
  return { item: `item-${safe}`, error: `item-${safe}-error` };
}

function ItemLegend({ item }: { item: SurveyItemView }) {
  const t = useT();
  return (
    <legend className="survey-item__legend">
      <span className="survey-item__code">{item.code}</span> {item.prompt}
      {item.required ? <span className="survey-item__required"> ({t("surveyAnswer.public.required")})</span> : null}
    </legend>
  );
}

function ItemError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p className="error survey-item__error" id={id}>
      {message}
    </p>
  );
}

/** 1–5 and Vet ej as one radio group; the end points carry their words ("1 Stämmer inte alls"). */
function LikertScale({ name, item, checked }: { name: string; item: SurveyItemView; checked: string | undefined }) {
  const t = useT();
  const low = item.lowLabel ?? t("survey.scale.low");
  const high = item.highLabel ?? t("survey.scale.high");
  const values: number[] = [];
  for (let v = LIKERT_MIN; v <= LIKERT_MAX; v++) values.push(v);
  return (
    <div className="likert">
      <div className="likert__scale">
        {values.map((v) => (
          <label key={v} className="likert__option">
            <input type="radio" name={name} value={String(v)} defaultChecked={checked === String(v)} />
            <span className="likert__value">{v}</span>
            {/* The end words belong to the label (the name is "1 Stämmer inte alls"); on screen they stand under the scale. */}
            {v === LIKERT_MIN ? <span className="visually-hidden"> {low}</span> : v === LIKERT_MAX ? <span className="visually-hidden"> {high}</span> : null}
          </label>
        ))}
      </div>
      <div className="likert__ends" aria-hidden="true">
        <span>{LIKERT_MIN} = {low}</span>
        <span>{LIKERT_MAX} = {high}</span>
      </div>
      <label className="likert__option likert__option--dontknow">
        <input type="radio" name={name} value={DONT_KNOW_DIGIT} defaultChecked={checked === DONT_KNOW_DIGIT || /^vet[\s_-]*ej$/i.test(checked ?? "")} />
        <span>{t("survey.dontKnow")}</span>
      </label>
    </div>
  );
}

function TextItem({ item, value, error }: { item: SurveyItemView; value: string; error?: string }) {
  const t = useT();
  const { item: id, error: errorId } = ids(item.code);
  const [length, setLength] = useState(value.length);
  const [counting, setCounting] = useState(false);
  const helpId = `${id}-help`;
  return (
    <div className="field survey-item survey-item--text">
      <label htmlFor={id} className="survey-item__legend">
        <span className="survey-item__code">{item.code}</span> {item.prompt}
        {item.required ? <span className="survey-item__required"> ({t("surveyAnswer.public.required")})</span> : null}
      </label>
      <p className="help" id={helpId}>
        {t(item.required ? "surveyAnswer.public.textHelpRequired" : "surveyAnswer.public.textHelp", { max: TEXT_ANSWER_MAX.toLocaleString("sv-SE") })}
      </p>
      <textarea
        id={id}
        name={answerField(item.code)}
        rows={4}
        maxLength={TEXT_ANSWER_MAX}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={[helpId, error ? errorId : null].filter(Boolean).join(" ")}
        onChange={(event) => {
          setCounting(true);
          setLength(event.currentTarget.value.length);
        }}
      />
      {counting ? (
        <p className="survey-counter" aria-live={TEXT_ANSWER_MAX - length <= 200 ? "polite" : "off"}>
          {t("surveyAnswer.public.counter", { count: length.toLocaleString("sv-SE"), max: TEXT_ANSWER_MAX.toLocaleString("sv-SE") })}
        </p>
      ) : null}
      <ItemError id={errorId} message={error} />
    </div>
  );
}

function Item({ item, values, errors, leadInId }: { item: SurveyItemView; values: Values; errors: Errors; leadInId: string | null }) {
  const t = useT();
  const name = answerField(item.code);
  const error = errors[name];
  const { item: id, error: errorId } = ids(item.code);
  if (item.kind === "text") return <TextItem item={item} value={(values[name] ?? []).join("\n")} error={error} />;
  const describedBy = [leadInId, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  const first = values[name]?.[0];

  let body: ReactNode;
  if (item.kind === "likert") {
    body = <LikertScale name={name} item={item} checked={first} />;
  } else if (item.kind === "likert_now_then") {
    const thenName = answerField(item.code, true);
    body = (
      <div className="survey-now-then">
        <fieldset className="survey-subgroup">
          <legend>{t("survey.now")}</legend>
          <LikertScale name={name} item={item} checked={first} />
        </fieldset>
        <fieldset className="survey-subgroup">
          <legend>{t("survey.then")}</legend>
          <LikertScale name={thenName} item={item} checked={values[thenName]?.[0]} />
        </fieldset>
      </div>
    );
  } else {
    const multiple = item.kind === "multiple";
    const chosen = new Set(values[name] ?? []);
    body = (
      <div className="survey-choices">
        {(item.options ?? []).map((option) => (
          <label key={option.value} className="survey-choice">
            <input type={multiple ? "checkbox" : "radio"} name={name} value={option.value} defaultChecked={chosen.has(option.value)} />
            <span>{option.label}</span>
          </label>
        ))}
        {multiple ? <p className="help">{t("surveyAnswer.public.chooseAny")}</p> : null}
      </div>
    );
  }
  return (
    <fieldset className={`survey-item survey-item--${item.kind}`} id={id} aria-describedby={describedBy}>
      <ItemLegend item={item} />
      <ItemError id={errorId} message={error} />
      {body}
    </fieldset>
  );
}

function PairCodeField({ phase, value, error }: { phase: SurveyPhase; value: string; error?: string }) {
  const t = useT();
  return (
    <section className="survey-pair" aria-labelledby="pair-heading">
      <h2 id="pair-heading">{t("surveyAnswer.public.pairHeading")}</h2>
      <p>{t("surveyAnswer.public.pairWhy")}</p>
      <p>{t(phase === "post" ? "surveyAnswer.public.pairHowPost" : "surveyAnswer.public.pairHowPre")}</p>
      <Field
        label={t("surveyAnswer.public.pairLabel")}
        name="pairCode"
        id="pair-code"
        type="text"
        className="survey-pair__input"
        help={t("surveyAnswer.public.pairHelp")}
        error={error}
        defaultValue={value}
        autoComplete="off"
        autoCapitalize="characters"
        autoCorrect="off"
        spellCheck={false}
        maxLength={20}
      />
    </section>
  );
}

/** The questionnaire: intro, items grouped under their lead-ins, the pairing code and the submit button. */
/** A refused submit: what to show again in the form. */
export type RefusedAnswer = { submissionKey: string; errors: Errors; values: Values; formError?: string | null };

/**
 * The end of both answer pages (room link and personal link): the notice when
 * the survey is not open now, otherwise the form, with a refused submit's
 * errors and values.
 */
export function SurveyWindowOrForm({
  windowSurvey,
  form,
  refused,
  personal,
}: {
  windowSurvey: SurveyHeaderView | null;
  form: { survey: SurveyFormView; submissionKey: string } | null;
  refused: RefusedAnswer | null;
  personal: boolean;
}) {
  if (windowSurvey) {
    return (
      <SurveyShell title={windowSurvey.name}>
        <SurveyHeader survey={windowSurvey} />
        <WindowNotice survey={windowSurvey} />
      </SurveyShell>
    );
  }
  if (!form) return null;
  return (
    <SurveyShell title={form.survey.name}>
      <SurveyHeader survey={form.survey} />
      <SurveyForm
        survey={form.survey}
        submissionKey={refused?.submissionKey ?? form.submissionKey}
        errors={refused?.errors}
        values={refused?.values}
        formError={refused?.formError}
        personal={personal}
      />
    </SurveyShell>
  );
}

export function SurveyForm({
  survey,
  submissionKey,
  errors = {},
  values = {},
  formError,
  personal,
}: {
  survey: SurveyFormView;
  submissionKey: string;
  errors?: Errors;
  values?: Values;
  formError?: string | null;
  personal: boolean;
}) {
  const t = useT();
  const errorItems = survey.items.filter((item) => errors[answerField(item.code)]);
  // After a refused submit the page stays where the button was; move to the list of what to correct.
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (formError) summary.current?.focus();
  }, [formError, errors]);
  return (
    <>
      {survey.intro ? <p className="survey-intro">{survey.intro}</p> : null}
      <p className="survey-privacy">{t(personal ? "surveyAnswer.public.privacyPersonal" : "surveyAnswer.public.privacyAnonymous")}</p>
      {formError ? (
        <div className="notice notice--error survey-error-summary" role="alert" tabIndex={-1} ref={summary}>
          <p>{formError}</p>
          {errorItems.length || errors.pairCode ? (
            <ul>
              {errorItems.map((item) => (
                <li key={item.code}>
                  <a href={`#${ids(item.code).item}`}>{t("surveyAnswer.public.errorAt", { code: item.code, message: errors[answerField(item.code)] })}</a>
                </li>
              ))}
              {errors.pairCode ? (
                <li>
                  <a href="#pair-code">{t("surveyAnswer.public.errorPair", { message: errors.pairCode })}</a>
                </li>
              ) : null}
            </ul>
          ) : null}
        </div>
      ) : null}
      <Form method="post" className="survey-form" noValidate>
        <input type="hidden" name="submissionKey" value={submissionKey} />
        {groupItems(survey.items).map((group, g) =>
          group.leadIn ? (
            <section key={g} className="survey-group" aria-labelledby={`leadin-${g}`}>
              <h2 id={`leadin-${g}`} className="survey-group__lead">
                {group.leadIn}
              </h2>
              {group.items.map((item) => (
                <Item key={item.code} item={item} values={values} errors={errors} leadInId={`leadin-${g}`} />
              ))}
            </section>
          ) : (
            group.items.map((item) => <Item key={item.code} item={item} values={values} errors={errors} leadInId={null} />)
          ),
        )}
        {survey.pairing ? <PairCodeField phase={survey.phase} value={values.pairCode?.[0] ?? ""} error={errors.pairCode} /> : null}
        <button type="submit" className="button survey-button">
          {t("surveyAnswer.public.submit")}
        </button>
      </Form>
    </>
  );
}

/** After a stored answer: nothing about who answered or when. */
export function Thanks({ again }: { again?: string }) {
  const t = useT();
  return (
    <>
      <div className="notice notice--ok survey-thanks" role="status">
        <p className="survey-thanks__title">{t("surveyAnswer.public.thanks")}</p>
        <p>{t("surveyAnswer.public.thanksText")}</p>
      </div>
      {again ? (
        <p>
          <Link to={again} className="survey-link">
            {t("surveyAnswer.public.again")}
          </Link>
        </p>
      ) : null}
    </>
  );
}

export function LockedMessage({ minutes, reason = "ip" }: { minutes: number; reason?: "ip" | "target" }) {
  const t = useT();
  return <FormError message={t(reason === "target" ? "surveyAnswer.public.targetThrottled" : "surveyAnswer.public.throttled", { minutes })} />;
}
