/**
 * How a survey template is shown to process leaders: its items as a table,
 * its indices, and a read-only preview of what participants see. The preview
 * uses real but disabled form controls, so it looks like the questionnaire
 * without anything in it being focusable or sent.
 */
import type { SurveyItemKind, SurveyOption, SurveyPhase, SurveyRespondentField } from "../../db/schema";
import { useT, type Translate } from "~/i18n";
import { formatNumber } from "~/lib/format";
import { TableWrap } from "./table-wrap";

export type ViewItem = {
  id: number;
  code: string;
  kind: SurveyItemKind;
  leadIn: string | null;
  prompt: string;
  options: SurveyOption[] | null;
  lowLabel: string | null;
  highLabel: string | null;
  respondentField: SurveyRespondentField | null;
  required: boolean;
};

export type ViewIndex = { id: number; name: string; itemIds: number[] };

const LIKERT_VALUES = [1, 2, 3, 4, 5];

/** "1 Stämmer inte alls – 5 Stämmer helt, Vet ej" */
export function ScaleSummary({ item }: { item: Pick<ViewItem, "lowLabel" | "highLabel" | "kind"> }) {
  const t = useT();
  return (
    <>
      {t("surveyTemplate.scaleSummary", {
        low: item.lowLabel ?? t("survey.scale.low"),
        high: item.highLabel ?? t("survey.scale.high"),
        dontKnow: t("survey.dontKnow"),
      })}
      {item.kind === "likert_now_then" ? <span className="survey-tpl-note">{t("surveyTemplate.nowThenSummary", { now: t("survey.now"), then: t("survey.then") })}</span> : null}
    </>
  );
}

/** What kind of answer the item takes, in words. */
export function AnswerSummary({ item }: { item: ViewItem }) {
  const t = useT();
  if (item.kind === "likert" || item.kind === "likert_now_then") return <ScaleSummary item={item} />;
  if (item.kind === "text") return <>{t("surveyTemplate.freeTextAnswer")}</>;
  return (
    <ul className="survey-tpl-options">
      {(item.options ?? []).map((o) => (
        <li key={o.value}>
          {o.label} <span className="survey-tpl-value">({o.value})</span>
        </li>
      ))}
    </ul>
  );
}

/** The prompt with its lead-in above it and what the item is used for below. */
export function PromptCell({ item }: { item: ViewItem }) {
  const t = useT();
  return (
    <>
      {item.leadIn ? <span className="survey-tpl-lead">{item.leadIn}</span> : null}
      <span className="survey-tpl-prompt">{item.prompt}</span>
      {item.respondentField ? <span className="survey-tpl-note">{t(`surveyTemplate.respondentFieldNote.${item.respondentField}`)}</span> : null}
      {item.required ? <span className="survey-tpl-note">{t("surveyTemplate.requiredNote")}</span> : null}
    </>
  );
}

export function ItemTable({ items, caption }: { items: ViewItem[]; caption: string }) {
  const t = useT();
  return (
    <TableWrap label={caption}>
      <table className="survey-tpl-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("surveyTemplate.col.code")}</th>
            <th scope="col">{t("surveyTemplate.col.kind")}</th>
            <th scope="col">{t("surveyTemplate.col.prompt")}</th>
            <th scope="col">{t("surveyTemplate.col.answer")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row">{item.code}</th>
              <td>{t(`surveyTemplate.kind.${item.kind}`)}</td>
              <td>
                <PromptCell item={item} />
              </td>
              <td>
                <AnswerSummary item={item} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Each index with the items it is the mean of. */
export function IndexList({ indices, items, phase }: { indices: ViewIndex[]; items: ViewItem[]; phase: SurveyPhase }) {
  const t = useT();
  if (indices.length === 0) return <p className="empty">{t("surveyTemplate.noIndices")}</p>;
  return (
    <>
      <p className="help">
        {t("surveyTemplate.indexRule", { lower: t(`survey.category.${phase}.lagre`), higher: t(`survey.category.${phase}.hogre`) })}
      </p>
      <dl className="survey-tpl-indices">
        {indices.map((index) => (
          <div key={index.id}>
            <dt>{index.name}</dt>
            <dd>
              <ul>
                {index.itemIds.map((id) => {
                  const item = items.find((i) => i.id === id);
                  return item ? (
                    <li key={id}>
                      <strong>{item.code}</strong> {item.prompt}
                    </li>
                  ) : null;
                })}
              </ul>
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function ScaleRow({ item, name, legend }: { item: ViewItem; name: string; legend?: string }) {
  const t = useT();
  const scale = (
    <>
      <div className="survey-preview__scale">
        {LIKERT_VALUES.map((value) => (
          <label key={value}>
            <input type="radio" name={name} value={value} disabled />
            <span>{value}</span>
          </label>
        ))}
        <label className="survey-preview__dont-know">
          <input type="radio" name={name} value="9" disabled />
          <span>{t("survey.dontKnow")}</span>
        </label>
      </div>
      <p className="survey-preview__ends">
        <span>1 = {item.lowLabel ?? t("survey.scale.low")}</span>
        <span>5 = {item.highLabel ?? t("survey.scale.high")}</span>
      </p>
    </>
  );
  if (!legend) return scale;
  return (
    <fieldset className="survey-preview__half">
      <legend>{legend}</legend>
      {scale}
    </fieldset>
  );
}

function PreviewItem({ item }: { item: ViewItem }) {
  const t = useT();
  const id = `preview-${item.id}`;
  const title = (
    <>
      <span className="survey-preview__code">{item.code}.</span> {item.prompt}
      {item.required ? <span className="survey-preview__required"> ({t("surveyTemplate.preview.required")})</span> : null}
    </>
  );
  if (item.kind === "text") {
    return (
      <div className="survey-preview__item">
        <label htmlFor={id} className="survey-preview__title">
          {title}
        </label>
        <textarea id={id} rows={3} disabled />
      </div>
    );
  }
  return (
    <fieldset className="survey-preview__item">
      <legend className="survey-preview__title">{title}</legend>
      {item.kind === "likert" ? <ScaleRow item={item} name={id} /> : null}
      {item.kind === "likert_now_then" ? (
        <>
          <ScaleRow item={item} name={id} legend={t("survey.now")} />
          <ScaleRow item={item} name={`${id}-then`} legend={t("survey.then")} />
        </>
      ) : null}
      {item.kind === "single" || item.kind === "multiple" ? (
        <div className="survey-preview__choices">
          {(item.options ?? []).map((o) => (
            <label key={o.value}>
              <input type={item.kind === "single" ? "radio" : "checkbox"} name={id} value={o.value} disabled />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
      ) : null}
      {item.kind === "multiple" ? <p className="survey-preview__hint">{t("surveyTemplate.preview.multipleHint")}</p> : null}
    </fieldset>
  );
}

/** Items in runs that share a lead-in ("Jag har förväntningar på att seminarieserien kan öka:"). */
function groupByLeadIn(items: ViewItem[]): { leadIn: string | null; items: ViewItem[] }[] {
  const groups: { leadIn: string | null; items: ViewItem[] }[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && item.leadIn && last.leadIn === item.leadIn) last.items.push(item);
    else groups.push({ leadIn: item.leadIn, items: [item] });
  }
  return groups;
}

/** The questionnaire as a participant sees it, read-only. */
export function SurveyPreview({ name, intro, items, headingLevel = 3 }: { name: string; intro: string | null; items: ViewItem[]; headingLevel?: 2 | 3 }) {
  const t = useT();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="survey-preview">
      <p className="survey-preview__banner">{t("surveyTemplate.preview.banner")}</p>
      <Heading className="survey-preview__name">{name}</Heading>
      {intro ? <p className="survey-preview__intro">{intro}</p> : null}
      {items.length === 0 ? <p className="empty">{t("surveyTemplate.noItems")}</p> : null}
      {groupByLeadIn(items).map((group) => (
        <div key={group.items[0].id} className={group.leadIn ? "survey-preview__group" : undefined}>
          {group.leadIn ? <p className="survey-preview__lead">{group.leadIn}</p> : null}
          {group.items.map((item) => (
            <PreviewItem key={item.id} item={item} />
          ))}
        </div>
      ))}
      <p>
        <button type="button" className="button" disabled>
          {t("surveyTemplate.preview.submit")}
        </button>
      </p>
    </div>
  );
}

/** "1 serie", "3 serier". */
export function seriesPhrase(t: Translate, count: number): string {
  return count === 1 ? t("surveyTemplate.seriesOne") : t("surveyTemplate.seriesMany", { count: formatNumber(count) });
}
