/**
 * Building a custom survey template: its details, its items (one edited at a
 * time, moved with buttons), its named indices, and deleting it. Every action
 * is a plain form with an intent, so the page works without JavaScript.
 * The rules (built-in templates, frozen items after responses, unique codes)
 * are checked by the model inside the write transaction.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { ItemFields, TemplateDetailsFields } from "~/components/survey-template-fields";
import { AnswerSummary, PromptCell, seriesPhrase, type ViewItem } from "~/components/survey-template-view";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { formatNumber } from "~/lib/format";
import { requireUserWithPermission } from "~/lib/permissions.server";
import { translateProblems } from "~/lib/survey-template-problems.server";
import {
  IndexSchema,
  TemplateDetailsSchema,
  detailsFormValues,
  formatOptionLines,
  indexFormValues,
  isLikert,
  itemFormValues,
  parseItemForm,
  withStandardOptions,
} from "~/lib/survey-template-form";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import {
  deleteSurveyIndex,
  deleteSurveyItem,
  deleteSurveyTemplate,
  getSurveyTemplate,
  moveSurveyItem,
  saveSurveyIndex,
  saveSurveyItem,
  updateSurveyTemplateDetails,
  type WriteResult,
} from "~/models/survey-template.server";
import { auditedAction } from "~/lib/audit.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Redigera ${data?.template.name ?? "enkätmall"} – Processtöd` }];

function loadTemplate(param: string | undefined) {
  const template = getSurveyTemplate(Number(param));
  if (!template) throw json({ message: "not-found" }, { status: 404 });
  return template;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read", "survey-template");
  const template = loadTemplate(params.templateId);
  // Built-in templates are read-only: their page says why and offers a copy.
  if (template.builtIn) throw redirect(`/enkatmallar/${template.id}`);
  return { template };
}

type FormName = "details" | "item" | "items" | "index" | "indices" | "delete";
type ActionData = { form: FormName; errors: FieldErrors; values: Record<string, string | string[]>; filled?: boolean };

const SAVED = ["skapad", "kopierad", "uppgifter", "fraga", "borttagen", "flyttad", "index", "indexBorttaget"] as const;
type Saved = (typeof SAVED)[number];

const id = (formData: FormData, name: string) => {
  const value = Number(formData.get(name));
  return Number.isSafeInteger(value) && value > 0 ? value : null;
};

async function handleAction({ request, params }: ActionFunctionArgs) {
  await requireUserWithPermission(request, "update", "survey-template");
  const template = loadTemplate(params.templateId);
  const t = await getTranslator(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = (saved: Saved, hash = "") => redirect(`/enkatmallar/${template.id}/redigera?sparat=${saved}${hash}`);
  const invalid = (form: FormName, errors: FieldErrors, values: ActionData["values"] = {}) => json<ActionData>({ form, errors, values }, { status: 400 });
  /** A model result: 404 for an id that is not in this template, 400 with the problems, or the redirect. */
  const settle = <T,>(result: WriteResult<T>, form: FormName, values: ActionData["values"], onOk: (value: T) => Response) => {
    if (result.ok) return onOk(result.value);
    if (result.notFound) throw json({ message: "not-found" }, { status: 404 });
    return invalid(form, translateProblems(t, result.problems), values);
  };

  switch (intent) {
    case "details": {
      const values = detailsFormValues(formData);
      // A template with responses shows no phase field; its phase stays.
      const parsed = parseFormData(TemplateDetailsSchema, formData.has("phase") ? formData : withField(formData, "phase", template.phase), t);
      if (!parsed.ok) return invalid("details", parsed.errors, values);
      const result = updateSurveyTemplateDetails({ templateId: template.id, values: { ...parsed.data, phase: formData.has("phase") ? parsed.data.phase : null } });
      return settle(result, "details", values, () => back("uppgifter"));
    }
    case "saveItem": {
      const values = { ...itemFormValues(formData), itemId: String(formData.get("itemId") ?? "") };
      const itemId = formData.get("itemId") ? id(formData, "itemId") : null;
      if (formData.get("itemId") && itemId === null) throw json({ message: "not-found" }, { status: 404 });
      const parsed = parseItemForm(formData, t);
      if (!parsed.ok) return invalid("item", parsed.errors, values);
      const result = saveSurveyItem({ templateId: template.id, itemId, item: parsed.item });
      return settle(result, "item", values, (saved) => back("fraga", `#fraga-${saved}`));
    }
    case "fillSector":
    case "fillRole": {
      // Fills the standard options into the form and shows it again; nothing is saved yet.
      const values = withStandardOptions(itemFormValues(formData), intent === "fillSector" ? "sector" : "role");
      return json<ActionData>({ form: "item", errors: {}, values: { ...values, itemId: String(formData.get("itemId") ?? "") }, filled: true });
    }
    case "deleteItem":
    case "moveUp":
    case "moveDown": {
      const itemId = id(formData, "itemId");
      if (itemId === null) throw json({ message: "not-found" }, { status: 404 });
      if (intent === "deleteItem") return settle(deleteSurveyItem({ templateId: template.id, itemId }), "items", {}, () => back("borttagen", "#fragor"));
      const result = moveSurveyItem({ templateId: template.id, itemId, direction: intent === "moveUp" ? "up" : "down" });
      return settle(result, "items", {}, () => back("flyttad", `#fraga-${itemId}`));
    }
    case "saveIndex": {
      const values = { ...indexFormValues(formData), indexId: String(formData.get("indexId") ?? "") };
      const indexId = formData.get("indexId") ? id(formData, "indexId") : null;
      if (formData.get("indexId") && indexId === null) throw json({ message: "not-found" }, { status: 404 });
      const parsed = parseFormData(IndexSchema, formData, t);
      if (!parsed.ok) return invalid("index", parsed.errors, values);
      const result = saveSurveyIndex({ templateId: template.id, indexId, name: parsed.data.name, itemIds: parsed.data.items });
      return settle(result, "index", values, () => back("index", "#index"));
    }
    case "deleteIndex": {
      const indexId = id(formData, "indexId");
      if (indexId === null) throw json({ message: "not-found" }, { status: 404 });
      return settle(deleteSurveyIndex({ templateId: template.id, indexId }), "indices", {}, () => back("indexBorttaget", "#index"));
    }
    case "deleteTemplate": {
      if (formData.get("confirm") !== "1") return invalid("delete", { confirm: t("surveyTemplate.error.confirmDelete") });
      return settle(deleteSurveyTemplate({ templateId: template.id }), "delete", {}, () => redirect("/enkatmallar?borttagen=1"));
    }
    default:
      throw json({ message: "bad-intent" }, { status: 400 });
  }
}

function withField(formData: FormData, name: string, value: string): FormData {
  const copy = new FormData();
  for (const [key, v] of formData.entries()) copy.append(key, v);
  copy.set(name, value);
  return copy;
}

/** The next free whole-number code: after "1", "2", "4a" comes "5". */
function nextCode(items: { code: string }[]): string {
  const numbers = items.map((i) => Number.parseInt(i.code, 10)).filter((n) => Number.isFinite(n));
  return String((numbers.length ? Math.max(...numbers) : 0) + 1);
}

function itemValues(item: ViewItem): Record<string, string> {
  return {
    code: item.code,
    kind: item.kind,
    leadIn: item.leadIn ?? "",
    prompt: item.prompt,
    options: formatOptionLines(item.options),
    lowLabel: item.lowLabel ?? "",
    highLabel: item.highLabel ?? "",
    respondentField: item.respondentField ?? "",
    required: item.required ? "1" : "",
  };
}

const strings = (values: ActionData["values"] | undefined) =>
  values ? (Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === "string")) as Record<string, string>) : undefined;

export default function EditSurveyTemplate() {
  const { template } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const t = useT();
  const errorsFor = (form: FormName) => (actionData?.form === form ? actionData.errors : {});
  const valuesFor = (form: FormName) => (actionData?.form === form ? actionData.values : undefined);
  const saved = searchParams.get("sparat");
  const locked = template.itemsLocked;
  const inUse = template.usage.series > 0;

  // Which item and index the forms edit: the one in the address, or the one whose form came back with errors.
  const itemValuesBack = valuesFor("item");
  const editItemId = Number(itemValuesBack ? itemValuesBack.itemId : searchParams.get("fraga")) || null;
  const editItem = template.items.find((i) => i.id === editItemId) ?? null;
  const indexValuesBack = valuesFor("index");
  const editIndexId = Number(indexValuesBack ? indexValuesBack.indexId : searchParams.get("index")) || null;
  const editIndex = template.indices.find((i) => i.id === editIndexId) ?? null;
  const likertItems = template.items.filter((i) => isLikert(i.kind));
  const itemForm = strings(itemValuesBack) ?? (editItem ? itemValues(editItem) : { code: nextCode(template.items), kind: "likert" });
  const indexItems = indexValuesBack ? (indexValuesBack.items as string[]).map(Number) : editIndex ? editIndex.itemIds : [];
  const indexName = indexValuesBack ? String(indexValuesBack.name) : (editIndex?.name ?? "");
  const itemErrors = errorsFor("item");
  const indexErrors = errorsFor("index");
  const detailsErrors = errorsFor("details");
  // A new key after each navigation and each returned form remounts the form, so its fields show what the server sent.
  const formKey = (form: FormName) => `${location.key}-${actionData?.form === form ? JSON.stringify(actionData.values) : ""}`;

  return (
    <>
      <p>
        <Link to={`/enkatmallar/${template.id}`}>← {t("surveyTemplate.backToTemplate", { name: template.name })}</Link>
      </p>
      <h1>{t("surveyTemplate.editTitle")}</h1>
      <p className="lead">{template.name}</p>
      {saved && (SAVED as readonly string[]).includes(saved) ? (
        <div className="notice notice--ok" role="status">
          {t(`surveyTemplate.saved.${saved as Saved}`)}
        </div>
      ) : null}
      {locked ? (
        <div className="notice notice--warn" role="note">
          {t("surveyTemplate.lockedNotice", { responses: formatNumber(template.usage.responses), series: seriesPhrase(t, template.usage.series) })}
        </div>
      ) : inUse ? (
        <div className="notice notice--warn" role="note">
          {t("surveyTemplate.inUseNotice", { series: seriesPhrase(t, template.usage.series) })}
        </div>
      ) : null}
      <p>
        <Link to={`/enkatmallar/${template.id}#forhandsvisning`}>{t("surveyTemplate.showPreview")}</Link>
      </p>

      <section className="card" aria-labelledby="uppgifter">
        <h2 id="uppgifter">{t("surveyTemplate.detailsTitle")}</h2>
        {Object.keys(detailsErrors).length ? <FormError message={detailsErrors.form ?? t("form.errorSummary")} /> : null}
        <Form method="post" className="stack survey-tpl-form" noValidate key={formKey("details")}>
          <TemplateDetailsFields
            values={strings(valuesFor("details")) ?? { name: template.name, phase: template.phase, intro: template.intro ?? "" }}
            errors={detailsErrors}
            phaseLocked={locked}
          />
          <div>
            <button type="submit" name="intent" value="details" className="button">
              {t("surveyTemplate.saveDetails")}
            </button>
          </div>
        </Form>
      </section>

      <h2 id="fragor">{t("surveyTemplate.itemsCount", { count: formatNumber(template.items.length) })}</h2>
      <FormError message={errorsFor("items").form} />
      {template.items.length === 0 ? <p className="empty">{t("surveyTemplate.noItemsYet")}</p> : null}
      <ol className="survey-tpl-items">
        {template.items.map((item, i) => (
          <li key={item.id} id={`fraga-${item.id}`} className={`card${item.id === editItem?.id ? " survey-tpl-items__editing" : ""}`}>
            <p className="survey-tpl-items__head">
              <strong>{item.code}</strong> · {t(`surveyTemplate.kind.${item.kind}`)}
            </p>
            <p className="survey-tpl-items__prompt">
              <PromptCell item={item} />
            </p>
            <div className="survey-tpl-items__answer">
              <AnswerSummary item={item} />
            </div>
            {!locked ? (
              <div className="survey-tpl-items__actions">
                <Link to={`?fraga=${item.id}#fragaformular`} className="button button--small button--secondary">
                  {t("surveyTemplate.editItem")}
                  <span className="visually-hidden"> {item.code}</span>
                </Link>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="itemId" value={item.id} />
                  <button type="submit" name="intent" value="moveUp" className="button button--small button--secondary" disabled={i === 0}>
                    {t("surveyTemplate.moveUp")}
                    <span className="visually-hidden"> {item.code}</span>
                  </button>{" "}
                  <button type="submit" name="intent" value="moveDown" className="button button--small button--secondary" disabled={i === template.items.length - 1}>
                    {t("surveyTemplate.moveDown")}
                    <span className="visually-hidden"> {item.code}</span>
                  </button>{" "}
                  <button type="submit" name="intent" value="deleteItem" className="button button--small survey-tpl-danger">
                    {t("surveyTemplate.deleteItem")}
                    <span className="visually-hidden"> {item.code}</span>
                  </button>
                </Form>
              </div>
            ) : null}
          </li>
        ))}
      </ol>

      {!locked ? (
        <section className="card" aria-labelledby="fragaformular" id="fragaformular-section">
          <h3 id="fragaformular">{editItem ? t("surveyTemplate.editItemTitle", { code: editItem.code }) : t("surveyTemplate.addItemTitle")}</h3>
          {Object.keys(itemErrors).length ? <FormError message={itemErrors.form ?? t("form.errorSummary")} /> : null}
          {actionData?.form === "item" && actionData.filled ? (
            <div className="notice notice--ok" role="status">
              {t("surveyTemplate.filledNotice")}
            </div>
          ) : null}
          <Form method="post" className="stack survey-tpl-form" noValidate key={formKey("item")}>
            {editItem ? <input type="hidden" name="itemId" value={editItem.id} /> : null}
            <ItemFields values={itemForm} errors={itemErrors} />
            <div className="link-row">
              <button type="submit" name="intent" value="saveItem" className="button">
                {editItem ? t("surveyTemplate.saveItem") : t("surveyTemplate.addItem")}
              </button>
              {editItem ? (
                <Link to="?" className="button button--secondary">
                  {t("form.cancel")}
                </Link>
              ) : null}
            </div>
            <div className="survey-tpl-fill">
              <p className="help">{t("surveyTemplate.fillHelp")}</p>
              <div className="link-row">
                <button type="submit" name="intent" value="fillSector" className="button button--small button--secondary">
                  {t("surveyTemplate.fillSector")}
                </button>
                <button type="submit" name="intent" value="fillRole" className="button button--small button--secondary">
                  {t("surveyTemplate.fillRole")}
                </button>
              </div>
            </div>
          </Form>
        </section>
      ) : null}

      <h2 id="index">{t("surveyTemplate.indicesTitle")}</h2>
      <p className="help">{t("surveyTemplate.indicesHelp")}</p>
      <FormError message={errorsFor("indices").form} />
      {template.indices.length === 0 ? <p className="empty">{t("surveyTemplate.noIndices")}</p> : null}
      <ul className="plain-list">
        {template.indices.map((index) => (
          <li key={index.id} className="card survey-tpl-index">
            <p>
              <strong>{index.name}</strong>:{" "}
              {index.itemIds
                .map((itemId) => template.items.find((i) => i.id === itemId)?.code)
                .filter(Boolean)
                .join(", ")}
            </p>
            <div className="survey-tpl-items__actions">
              <Link to={`?index=${index.id}#indexformular`} className="button button--small button--secondary">
                {t("surveyTemplate.editIndex")}
                <span className="visually-hidden"> {index.name}</span>
              </Link>
              <Form method="post" className="inline-form">
                <input type="hidden" name="indexId" value={index.id} />
                <button type="submit" name="intent" value="deleteIndex" className="button button--small survey-tpl-danger">
                  {t("surveyTemplate.deleteIndex")}
                  <span className="visually-hidden"> {index.name}</span>
                </button>
              </Form>
            </div>
          </li>
        ))}
      </ul>
      <section className="card" aria-labelledby="indexformular">
        <h3 id="indexformular">{editIndex ? t("surveyTemplate.editIndexTitle", { name: editIndex.name }) : t("surveyTemplate.addIndexTitle")}</h3>
        {likertItems.length === 0 ? (
          <p className="empty">{t("surveyTemplate.indexNeedsLikert")}</p>
        ) : (
          <>
            {Object.keys(indexErrors).length ? <FormError message={indexErrors.form ?? t("form.errorSummary")} /> : null}
            <Form method="post" className="stack survey-tpl-form" noValidate key={formKey("index")}>
              {editIndex ? <input type="hidden" name="indexId" value={editIndex.id} /> : null}
              <Field label={t("surveyTemplate.field.indexName")} name="name" id="field-index-name" type="text" defaultValue={indexName} error={indexErrors.name} autoComplete="off" />
              <fieldset className="field survey-tpl-radios" aria-describedby={indexErrors.items ? "field-index-items-error" : "field-index-items-help"}>
                <legend>{t("surveyTemplate.field.indexItems")}</legend>
                <p className="help" id="field-index-items-help">
                  {t("surveyTemplate.field.indexItemsHelp")}
                </p>
                {likertItems.map((item) => (
                  <div className="checkbox" key={item.id}>
                    <input
                      type="checkbox"
                      id={`index-item-${item.id}`}
                      name="items"
                      value={item.id}
                      defaultChecked={indexItems.includes(item.id)}
                      aria-invalid={indexErrors.items ? true : undefined}
                    />
                    <label htmlFor={`index-item-${item.id}`}>
                      <strong>{item.code}</strong> {item.prompt}
                      {item.kind === "likert_now_then" ? <span className="survey-tpl-note survey-tpl-note--inline"> ({t("surveyTemplate.kind.likert_now_then")})</span> : null}
                    </label>
                  </div>
                ))}
                {indexErrors.items ? (
                  <p className="error" id="field-index-items-error">
                    {indexErrors.items}
                  </p>
                ) : null}
              </fieldset>
              <div className="link-row">
                <button type="submit" name="intent" value="saveIndex" className="button">
                  {editIndex ? t("surveyTemplate.saveIndex") : t("surveyTemplate.addIndex")}
                </button>
                {editIndex ? (
                  <Link to="?" className="button button--secondary">
                    {t("form.cancel")}
                  </Link>
                ) : null}
              </div>
            </Form>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="tabort">
        <h2 id="tabort">{t("surveyTemplate.deleteTitle")}</h2>
        {inUse ? (
          <p>{t("surveyTemplate.deleteInUseText", { series: seriesPhrase(t, template.usage.series) })}</p>
        ) : (
          <>
            <FormError message={errorsFor("delete").form} />
            <Form method="post" className="stack" noValidate>
              <div className="field">
                <div className="checkbox">
                  <input
                    id="field-confirm"
                    type="checkbox"
                    name="confirm"
                    value="1"
                    aria-invalid={errorsFor("delete").confirm ? true : undefined}
                    aria-describedby={errorsFor("delete").confirm ? "field-confirm-error" : undefined}
                  />
                  <label htmlFor="field-confirm">{t("surveyTemplate.confirmDelete")}</label>
                </div>
                {errorsFor("delete").confirm ? (
                  <p className="error" id="field-confirm-error">
                    {errorsFor("delete").confirm}
                  </p>
                ) : null}
              </div>
              <div>
                <button type="submit" name="intent" value="deleteTemplate" className="button survey-tpl-danger">
                  {t("surveyTemplate.deleteTemplate")}
                </button>
              </div>
            </Form>
          </>
        )}
      </section>
    </>
  );
}

/** Recorded in the audit log once the change succeeded (decision 016). */
export async function action(args: ActionFunctionArgs) {
  return auditedAction(args, handleAction, ({ params }, intent) => ({ action: "survey.update", entityKind: "survey_template", entityId: Number(params.templateId) || null, details: { intent } }));
}
