import crypto from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Fragment, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useT, type Translate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { formatDate, formatNumber } from "~/lib/format";
import { answerField, parseSurveyAnswers, readScale, TEXT_ANSWER_MAX, type SurveyItemDefinition } from "~/lib/survey-answers";
import { requireSurveyEntry } from "~/lib/survey-entry.server";
import { paperEntryPath, readPaperEntry, SUBMISSION_KEY_PATTERN, writePaperEntry } from "~/lib/survey-entry-cookie.server";
import { PAIR_CODE_FIELD, readPairCode } from "~/lib/survey-import";
import { paperResponseEnteredToday, savePaperResponse, surveyResponseCount, undoPaperResponse } from "~/models/survey-entry.server";
import { stateOf } from "~/models/survey.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} – Processtöd` : "Processtöd" },
];

/** The survey of the URL within what the user may enter, and where its entry session's cookie lives. */
async function requireEntry(request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requireSurveyEntry(request, params);
  return { ...access, page: `${access.base}/pappersenkater`, cookiePath: paperEntryPath(access.seriesId, access.survey.id) };
}

type Flash = "saved" | "undone" | "nothingToUndo" | null;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, survey, template } = await requireEntry(request, params);
  const t = await getTranslator(request);
  const session = await readPaperEntry(request, user.id);
  const url = new URL(request.url);
  const flash: Flash = url.searchParams.has("sparad") ? "saved" : url.searchParams.has("angrad") ? "undone" : url.searchParams.has("inget") ? "nothingToUndo" : null;
  return {
    title: t("surveyEntry.title", { survey: survey.templateName }),
    series: { id: survey.seriesId, name: survey.seriesName },
    survey: {
      id: survey.id,
      name: survey.templateName,
      session: survey.session ? { title: survey.session.title, date: formatDate(survey.session.startsAt) } : null,
      state: stateOf(survey),
    },
    items: template.items.map((item) => ({
      id: item.id,
      code: item.code,
      kind: item.kind,
      leadIn: item.leadIn,
      prompt: item.prompt,
      options: item.options,
      required: item.required,
      lowLabel: item.lowLabel,
      highLabel: item.highLabel,
    })),
    // A fresh one-time key for each empty form: the same form posted twice is stored once.
    submissionKey: crypto.randomUUID(),
    entered: session.count,
    canUndo: session.lastKey !== null,
    total: surveyResponseCount({ surveyId: survey.id }),
    flash,
  };
}

type ActionData = { errors: Record<string, string>; invalid: string[]; formError: string | null; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, survey, template, page, cookiePath } = await requireEntry(request, params);
  const t = await getTranslator(request);
  const formData = await request.formData();
  const session = await readPaperEntry(request, user.id);
  const cookie = (next: { count: number; lastKey: string | null }) => writePaperEntry(next, { userId: user.id, path: cookiePath });

  if (formData.get("intent") === "undo") {
    const undone = session.lastKey !== null && undoPaperResponse({ surveyId: survey.id, submissionKey: session.lastKey });
    const next = { count: undone ? Math.max(0, session.count - 1) : session.count, lastKey: null };
    return redirect(`${page}?${undone ? "angrad" : "inget"}=1`, { headers: { "Set-Cookie": await cookie(next) } });
  }

  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  const fields = [...template.items.flatMap((item) => (item.kind === "likert_now_then" ? [answerField(item.code), answerField(item.code, true)] : [answerField(item.code)])), PAIR_CODE_FIELD];
  const values = Object.fromEntries(fields.map((name) => [name, text(name)]));
  const refuse = (data: Omit<ActionData, "values">) => json<ActionData>({ ...data, values }, { status: 400 });

  const submissionKey = text("nyckel");
  if (!SUBMISSION_KEY_PATTERN.test(submissionKey)) return refuse({ errors: {}, invalid: [], formError: t("form.invalidRequest") });

  const parsed = parseSurveyAnswers(template.items, (name) => [text(name)]);
  const pair = readPairCode(text(PAIR_CODE_FIELD));
  const errors: Record<string, string> = {};
  const invalid: string[] = [];
  for (const item of template.items) {
    const key = parsed.errors[item.code];
    if (!key) continue;
    errors[item.code] = t(key);
    invalid.push(...invalidFields(item, values));
  }
  if (!pair.ok) {
    errors[PAIR_CODE_FIELD] = t(pair.key);
    invalid.push(PAIR_CODE_FIELD);
  }
  if (invalid.length) return refuse({ errors, invalid, formError: t("surveyEntry.errorSummary", { count: Object.keys(errors).length }) });
  if (parsed.answers.length === 0) return refuse({ errors, invalid, formError: t("surveyEntry.error.empty") });

  const { duplicate } = savePaperResponse({ survey, parsed, pairCode: pair.ok ? pair.pairCode : null, submissionKey });
  // A second post of the same form stores nothing. If it overtook the first
  // one's answer (both sent with the old cookie), it counts the form once.
  const alreadyCounted = duplicate && (session.lastKey === submissionKey || !paperResponseEnteredToday({ surveyId: survey.id, submissionKey }));
  if (alreadyCounted) return redirect(`${page}?sparad=1`);
  return redirect(`${page}?sparad=1`, { headers: { "Set-Cookie": await cookie({ count: session.count + 1, lastKey: submissionKey }) } });
}

/** The inputs of an item that hold the error: for a now/then item, the half (or halves) that are not on the scale. */
function invalidFields(item: Pick<SurveyItemDefinition, "code" | "kind">, values: Record<string, string>): string[] {
  if (item.kind !== "likert_now_then") return [answerField(item.code)];
  const bad = [answerField(item.code), answerField(item.code, true)].filter((name) => readScale(values[name]).kind === "invalid");
  return bad.length ? bad : [answerField(item.code)];
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Item = Data["items"][number];

/** Digits that are a whole answer on their own, for moving on after one key press. */
function singleDigits(item: Item): string | undefined {
  if (item.kind === "likert" || item.kind === "likert_now_then") return "123459";
  if (item.kind === "single" && item.options && item.options.length <= 9) return item.options.map((_, i) => String(i + 1)).join("");
  return undefined;
}

const AUTO_ADVANCE_KEY = "processtod.pappersenkat.hoppa";

export default function PaperEntry() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [autoAdvance, setAutoAdvance] = useState(false);
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") !== "undo";
  const values = actionData?.values ?? {};
  const errors = actionData?.errors ?? {};
  const invalid = new Set(actionData?.invalid ?? []);
  const firstInvalid = actionData?.invalid[0] ?? null;

  useEffect(() => {
    setHydrated(true);
    setAutoAdvance(window.localStorage.getItem(AUTO_ADVANCE_KEY) === "1");
  }, []);

  // After a refused save: the typed values stay, and the cursor goes to the first wrong field.
  useEffect(() => {
    if (!actionData) return;
    const field = firstInvalid ? formRef.current?.querySelector<HTMLInputElement>(`[name="${firstInvalid}"]`) : null;
    if (field) {
      field.focus();
      // Selected, so the right digit simply replaces the wrong one.
      field.select();
    } else summaryRef.current?.focus();
  }, [actionData, firstInvalid]);

  function toggleAutoAdvance(on: boolean) {
    setAutoAdvance(on);
    window.localStorage.setItem(AUTO_ADVANCE_KEY, on ? "1" : "0");
  }

  function onInput(event: FormEvent<HTMLFormElement>) {
    if (!autoAdvance) return;
    const field = event.target as HTMLInputElement;
    const digits = field.dataset.digits;
    if (!digits || field.value.length !== 1 || !digits.includes(field.value)) return;
    const fields = Array.from(event.currentTarget.querySelectorAll<HTMLElement>("input[type=text], textarea"));
    const next = fields[fields.indexOf(field) + 1];
    next?.focus();
    // As Tab does: what is in the next field is selected, so typing replaces it.
    if (next instanceof HTMLInputElement) next.select();
  }

  // Ctrl+Enter saves from a free-text box too, where Enter makes a new line.
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target instanceof HTMLTextAreaElement) {
      event.preventDefault();
      event.currentTarget.requestSubmit();
    }
  }

  const number = data.entered + 1;
  const groups = groupItems(data.items);
  // The cursor starts in the first field, or after a refused save in the first wrong one.
  const focusField = firstInvalid ?? (data.items[0] ? answerField(data.items[0].code) : PAIR_CODE_FIELD);
  const inputProps: InputProps = (name, describedBy) => {
    const ids = describedBy.filter(Boolean).join(" ");
    return {
      id: name,
      name,
      defaultValue: values[name] ?? "",
      autoComplete: "off",
      "aria-invalid": invalid.has(name) || undefined,
      "aria-describedby": ids || undefined,
      autoFocus: name === focusField,
    };
  };

  return (
    <>
      <p>
        <Link to={`/serier/${data.series.id}/enkater`}>← {t("surveyEntry.back")}</Link>
      </p>
      <h1>{data.title}</h1>
      <p className="lead">
        {data.series.name}
        {data.survey.session ? ` · ${data.survey.session.title} ${data.survey.session.date}` : null} · {t(`survey.state.${data.survey.state}`)}
      </p>

      <div role="status" className="paper-status">
        {/* After a refused save the confirmation of the form before would only confuse. */}
        {actionData ? null : data.flash === "saved" ? (
          <p className="notice notice--ok">{data.entered > 0 ? t("surveyEntry.saved", { number: data.entered }) : t("surveyEntry.savedPlain")}</p>
        ) : data.flash === "undone" ? (
          <p className="notice notice--ok">{t("surveyEntry.undone", { number: data.entered + 1 })}</p>
        ) : data.flash === "nothingToUndo" ? (
          <p className="notice notice--warn">{t("surveyEntry.nothingToUndo")}</p>
        ) : null}
      </div>

      <ul className="stat-list paper-counts">
        <li>
          <span className="stat-value">{formatNumber(data.entered)}</span>
          <span className="stat-label">{t("surveyEntry.enteredNow")}</span>
        </li>
        <li>
          <span className="stat-value">{formatNumber(data.total)}</span>
          <span className="stat-label">{t("surveyEntry.totalResponses")}</span>
        </li>
      </ul>

      {data.canUndo ? (
        <Form method="post" className="paper-undo">
          <input type="hidden" name="intent" value="undo" />
          <button type="submit" className="button button--secondary button--small">
            {t("surveyEntry.undo", { number: data.entered })}
          </button>
        </Form>
      ) : null}

      {data.survey.state !== "open" ? <p className="help">{t("surveyEntry.staffAnyTime")}</p> : null}

      <details className="card paper-help">
        <summary>{t("surveyEntry.howTitle")}</summary>
        <ul>
          <li>{t("surveyEntry.howScale")}</li>
          <li>{t("surveyEntry.howChoice")}</li>
          <li>{t("surveyEntry.howBlank")}</li>
          <li>{t("surveyEntry.howKeys")}</li>
        </ul>
        {hydrated ? (
          <div className="checkbox">
            <input id="auto-advance" type="checkbox" checked={autoAdvance} onChange={(e) => toggleAutoAdvance(e.currentTarget.checked)} />
            <label htmlFor="auto-advance">{t("surveyEntry.autoAdvance")}</label>
          </div>
        ) : null}
      </details>

      {actionData?.formError ? (
        <div className="notice notice--error" role="alert" tabIndex={-1} ref={summaryRef}>
          <p>{actionData.formError}</p>
          {Object.keys(errors).length ? (
            <ul>
              {Object.entries(errors).map(([code, message]) => (
                <li key={code}>
                  <a href={`#${fieldForError(code, data.items, actionData.invalid)}`}>
                    {code === PAIR_CODE_FIELD ? t("surveyEntry.pairCode") : t("surveyEntry.question", { code })}
                  </a>
                  : {message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <Form method="post" key={data.submissionKey} ref={formRef} className="paper-form card" noValidate onInput={onInput} onKeyDown={onKeyDown} aria-labelledby="paper-form-title">
        <h2 id="paper-form-title">{t("surveyEntry.formTitle", { number })}</h2>
        <input type="hidden" name="nyckel" value={data.submissionKey} />
        <p className="help" id="scale-hint">
          {t("surveyEntry.scaleHint")}
        </p>
        {groups.map((group, g) =>
          group.leadIn && group.items.length > 1 ? (
            <fieldset key={g} className="paper-group">
              <legend>{group.leadIn}</legend>
              {group.items.map((item) => (
                <ItemRow key={item.id} item={item} inputProps={inputProps} error={errors[item.code]} t={t} showLeadIn={false} />
              ))}
            </fieldset>
          ) : (
            <Fragment key={g}>
              {group.items.map((item) => (
                <ItemRow key={item.id} item={item} inputProps={inputProps} error={errors[item.code]} t={t} showLeadIn />
              ))}
            </Fragment>
          ),
        )}
        <div className="paper-item">
          <label className="paper-item__label" htmlFor={PAIR_CODE_FIELD}>
            {t("surveyEntry.pairCode")}
          </label>
          <p className="help paper-item__hint" id="kod-hint">
            {t("surveyEntry.pairCodeHint")}
          </p>
          <div className="paper-item__inputs">
            <input
              type="text"
              className="code-input"
              maxLength={20}
              spellCheck={false}
              autoCapitalize="characters"
              {...inputProps(PAIR_CODE_FIELD, ["kod-hint", errors[PAIR_CODE_FIELD] ? `${PAIR_CODE_FIELD}-error` : null])}
            />
          </div>
          {errors[PAIR_CODE_FIELD] ? (
            <p className="error paper-item__error" id={`${PAIR_CODE_FIELD}-error`}>
              {errors[PAIR_CODE_FIELD]}
            </p>
          ) : null}
        </div>
        <div className="paper-actions">
          <button type="submit" className="button" disabled={saving}>
            {saving ? t("surveyEntry.saving") : t("surveyEntry.save")}
          </button>
        </div>
      </Form>
      <p>
        <Link to={`/serier/${data.series.id}/enkater/${data.survey.id}/import`}>{t("surveyEntry.toImport")}</Link>
      </p>
    </>
  );
}

/** The input an error in the summary links to. */
function fieldForError(code: string, items: Item[], invalid: string[]): string {
  if (code === PAIR_CODE_FIELD) return PAIR_CODE_FIELD;
  const item = items.find((i) => i.code === code);
  if (item?.kind === "likert_now_then") return invalid.find((name) => name === answerField(code) || name === answerField(code, true)) ?? answerField(code);
  return answerField(code);
}

/** Consecutive scale items under the same lead-in ("Jag upplever att seminarieserien har ökat:") form one group. */
function groupItems(items: Item[]): { leadIn: string | null; items: Item[] }[] {
  const groups: { leadIn: string | null; items: Item[] }[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (item.leadIn && last && last.leadIn === item.leadIn) last.items.push(item);
    else groups.push({ leadIn: item.leadIn, items: [item] });
  }
  return groups;
}

type InputProps = (
  name: string,
  describedBy: (string | null)[],
) => { id: string; name: string; defaultValue: string; autoComplete: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined; autoFocus: boolean };

function ItemRow({ item, inputProps, error, t, showLeadIn }: { item: Item; inputProps: InputProps; error?: string; t: Translate; showLeadIn: boolean }) {
  const field = answerField(item.code);
  const optionsId = `${field}-options`;
  const errorId = error ? `${field}-error` : null;
  const label = (
    <>
      <span className="paper-item__code">{item.code}</span> {showLeadIn && item.leadIn ? `${item.leadIn} ` : null}
      {item.prompt}
      {item.required ? <span className="paper-item__required"> ({t("surveyEntry.required")})</span> : null}
    </>
  );
  const options = item.options?.length ? (
    <ul className="option-list" id={optionsId}>
      {item.options.map((option, i) => (
        <li key={option.value}>
          <span className="option-list__number">{i + 1}</span> {option.label}
        </li>
      ))}
    </ul>
  ) : null;
  const errorText = error ? (
    <p className="error paper-item__error" id={errorId!}>
      {error}
    </p>
  ) : null;

  if (item.kind === "text") {
    return (
      <div className="paper-item paper-item--text">
        <label className="paper-item__label" htmlFor={field}>
          {label}
        </label>
        <textarea rows={2} maxLength={TEXT_ANSWER_MAX} {...inputProps(field, [errorId])} />
        {errorText}
      </div>
    );
  }

  if (item.kind === "likert_now_then") {
    const then = answerField(item.code, true);
    return (
      <fieldset className="paper-item paper-item--now-then">
        <legend className="paper-item__label">{label}</legend>
        <div className="paper-item__inputs">
          <label className="digit-label">
            <span>{t("survey.now")}</span>
            <input type="text" inputMode="numeric" maxLength={1} className="digit-input" data-digits="123459" {...inputProps(field, ["scale-hint", errorId])} />
          </label>
          <label className="digit-label">
            <span>{t("survey.then")}</span>
            <input type="text" inputMode="numeric" maxLength={1} className="digit-input" data-digits="123459" {...inputProps(then, ["scale-hint", errorId])} />
          </label>
        </div>
        {errorText}
      </fieldset>
    );
  }

  const digits = singleDigits(item);
  const multiple = item.kind === "multiple";
  // A custom item may name its own ends of the scale.
  const scaleId = `${field}-scale`;
  const ownScale =
    item.kind === "likert" && (item.lowLabel || item.highLabel) ? (
      <p className="help paper-item__hint" id={scaleId}>
        {t("surveyEntry.ownScale", { low: item.lowLabel ?? "", high: item.highLabel ?? "" })}
      </p>
    ) : null;
  return (
    <div className={`paper-item paper-item--${item.kind}`}>
      <label className="paper-item__label" htmlFor={field}>
        {label}
      </label>
      {multiple ? (
        <p className="help paper-item__hint" id={`${field}-hint`}>
          {t("surveyEntry.multipleHint")}
        </p>
      ) : null}
      {options ? <div className="paper-item__hint">{options}</div> : null}
      {ownScale}
      <div className="paper-item__inputs">
        <input
          type="text"
          inputMode={multiple ? "text" : "numeric"}
          maxLength={multiple ? 40 : digits ? 1 : 2}
          className={multiple ? "choices-input" : "digit-input"}
          data-digits={digits}
          {...inputProps(field, item.kind === "likert" ? [ownScale ? scaleId : "scale-hint", errorId] : [multiple ? `${field}-hint` : null, options ? optionsId : null, errorId])}
        />
      </div>
      {errorText}
    </div>
  );
}
