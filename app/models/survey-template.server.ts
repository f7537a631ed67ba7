/**
 * The survey template builder (issue #7, decision 010): listing templates with
 * how they are used, and every change a process leader makes to a custom
 * template. The rules that protect answers live here, inside the write
 * transaction, so a forged post meets them too:
 * - built-in templates are never changed (they can be copied);
 * - once any series has a response to the template, its items are frozen –
 *   the answers point at them – and so is its phase, which decides how the
 *   answers are categorised; the name, the intro and the indices stay editable;
 * - a template can be deleted only while no series uses it.
 * Problems are returned as message keys per form field; the route translates them.
 */
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { SurveyItemKind, SurveyOption, SurveyPhase } from "../../db/schema";
import type { MessageKey } from "~/i18n";
import { BUILT_IN_SURVEY_TEMPLATES } from "~/lib/survey-builtin";
import { isLikert, type ItemValues, type TemplateDetailsValues } from "~/lib/survey-template-form";
import { formatNumber } from "~/lib/format";
import { compareSwedish } from "~/lib/swedish-order";
import { getDb, qualified, schema, writeTransaction, type Db } from "./db.server";
import { getTemplate, type SurveyTemplateDetails } from "./survey.server";

const { surveyTemplates, surveyItems, surveyIndices, surveyIndexItems, surveys, surveyResponses } = schema;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type Problem = { key: MessageKey; params?: Record<string, string | number> };
export type Problems = Record<string, Problem>;
export type WriteResult<T = null> = { ok: true; value: T } | { ok: false; notFound: true } | { ok: false; notFound?: false; problems: Problems };

const ok = <T>(value: T): WriteResult<T> => ({ ok: true, value });
const fail = (field: string, key: MessageKey, params?: Problem["params"]): WriteResult<never> => ({ ok: false, problems: { [field]: { key, params } } });
const NOT_FOUND = { ok: false, notFound: true } as const;

export type TemplateUsage = { series: number; responses: number };

export type SurveyTemplateSummary = {
  id: number;
  key: string | null;
  name: string;
  phase: SurveyPhase;
  builtIn: boolean;
  items: number;
  indices: number;
  series: number;
};

const BUILT_IN_ORDER = BUILT_IN_SURVEY_TEMPLATES.map((t) => t.key);

/** Built-in templates first, in the follow-up's order; then custom ones by name. */
export function listSurveyTemplates(): SurveyTemplateSummary[] {
  const id = qualified(surveyTemplates.id);
  const rows = getDb()
    .select({
      id: surveyTemplates.id,
      key: surveyTemplates.key,
      name: surveyTemplates.name,
      phase: surveyTemplates.phase,
      builtIn: surveyTemplates.builtIn,
      items: sql<number>`(select count(*) from ${surveyItems} where ${surveyItems.templateId} = ${id})`,
      indices: sql<number>`(select count(*) from ${surveyIndices} where ${surveyIndices.templateId} = ${id})`,
      series: sql<number>`(select count(distinct ${surveys.seriesId}) from ${surveys} where ${surveys.templateId} = ${id})`,
    })
    .from(surveyTemplates)
    .all();
  const rank = (row: { builtIn: boolean; key: string | null }) => (row.builtIn ? (BUILT_IN_ORDER.indexOf(row.key ?? "") + 1 || BUILT_IN_ORDER.length + 1) : BUILT_IN_ORDER.length + 2);
  return rows.sort((a, b) => rank(a) - rank(b) || compareSwedish(a.name, b.name) || a.id - b.id);
}

function usageOf(db: Db | Tx, templateId: number): TemplateUsage {
  const series = db
    .select({ n: sql<number>`count(distinct ${surveys.seriesId})` })
    .from(surveys)
    .where(eq(surveys.templateId, templateId))
    .get();
  const responses = db
    .select({ n: sql<number>`count(*)` })
    .from(surveyResponses)
    .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
    .where(eq(surveys.templateId, templateId))
    .get();
  return { series: series?.n ?? 0, responses: responses?.n ?? 0 };
}

/** How many series use the template and how many responses they have. */
export function templateUsage(templateId: number): TemplateUsage {
  return usageOf(getDb(), templateId);
}

export type SurveyTemplateView = SurveyTemplateDetails & {
  usage: TemplateUsage;
  /** Responses exist: items and phase can no longer change. */
  itemsLocked: boolean;
};

export function getSurveyTemplate(templateId: number): SurveyTemplateView | null {
  if (!Number.isSafeInteger(templateId) || templateId <= 0) return null;
  const template = getTemplate(templateId);
  if (!template) return null;
  const usage = templateUsage(templateId);
  return { ...template, usage, itemsLocked: usage.responses > 0 };
}

// ---------------------------------------------------------------------------
// Writes. Each runs in one BEGIN IMMEDIATE transaction and checks the rules inside it.

type TemplateRow = { id: number; builtIn: boolean; phase: SurveyPhase };

function templateRow(tx: Tx, templateId: number): TemplateRow | null {
  return tx.select({ id: surveyTemplates.id, builtIn: surveyTemplates.builtIn, phase: surveyTemplates.phase }).from(surveyTemplates).where(eq(surveyTemplates.id, templateId)).get() ?? null;
}

/** Template names are unique, compared without regard to case (Å, Ä and Ö included). */
function nameTaken(tx: Tx, name: string, exceptId: number | null): boolean {
  const lower = name.trim().toLocaleLowerCase("sv");
  return tx
    .select({ id: surveyTemplates.id, name: surveyTemplates.name })
    .from(surveyTemplates)
    .all()
    .some((row) => row.id !== exceptId && row.name.trim().toLocaleLowerCase("sv") === lower);
}

/**
 * Opens a custom template for a change. `items` also requires that no
 * response refers to the template's items.
 */
function editable(tx: Tx, templateId: number, { items }: { items: boolean }): { ok: true; template: TemplateRow } | { ok: false; result: WriteResult<never> } {
  const template = templateRow(tx, templateId);
  if (!template) return { ok: false, result: NOT_FOUND };
  if (template.builtIn) return { ok: false, result: fail("form", "surveyTemplate.error.builtIn") };
  if (items) {
    const usage = usageOf(tx, templateId);
    if (usage.responses > 0) return { ok: false, result: fail("form", "surveyTemplate.error.itemsLocked", { responses: formatNumber(usage.responses) }) };
  }
  return { ok: true, template };
}

export function createSurveyTemplate({ values, createdById }: { values: TemplateDetailsValues; createdById: number | null }): WriteResult<number> {
  return writeTransaction((tx) => {
    if (nameTaken(tx, values.name, null)) return fail("name", "surveyTemplate.error.nameTaken");
    const row = tx
      .insert(surveyTemplates)
      .values({ name: values.name, phase: values.phase, intro: values.intro, builtIn: false, key: null, createdById })
      .returning({ id: surveyTemplates.id })
      .get();
    return ok(row.id);
  });
}

/** Name, phase and intro. The phase is frozen once there are responses. */
export function updateSurveyTemplateDetails({ templateId, values }: { templateId: number; values: Omit<TemplateDetailsValues, "phase"> & { phase: SurveyPhase | null } }): WriteResult {
  return writeTransaction((tx) => {
    const open = editable(tx, templateId, { items: false });
    if (!open.ok) return open.result;
    const phase = values.phase ?? open.template.phase;
    if (phase !== open.template.phase && usageOf(tx, templateId).responses > 0) return fail("phase", "surveyTemplate.error.phaseLocked");
    if (nameTaken(tx, values.name, templateId)) return fail("name", "surveyTemplate.error.nameTaken");
    tx.update(surveyTemplates).set({ name: values.name, phase, intro: values.intro }).where(eq(surveyTemplates.id, templateId)).run();
    return ok(null);
  });
}

function itemRows(tx: Tx, templateId: number) {
  return tx
    .select({ id: surveyItems.id, position: surveyItems.position, code: surveyItems.code, kind: surveyItems.kind, respondentField: surveyItems.respondentField })
    .from(surveyItems)
    .where(eq(surveyItems.templateId, templateId))
    .orderBy(asc(surveyItems.position))
    .all();
}

/** The names of the indices an item is part of. */
function indicesOfItem(tx: Tx, itemId: number): string[] {
  return tx
    .select({ name: surveyIndices.name })
    .from(surveyIndexItems)
    .innerJoin(surveyIndices, eq(surveyIndices.id, surveyIndexItems.indexId))
    .where(eq(surveyIndexItems.itemId, itemId))
    .orderBy(asc(surveyIndices.position))
    .all()
    .map((r) => r.name);
}

/** Adds an item at the end (itemId null) or changes one. */
export function saveSurveyItem({ templateId, itemId, item }: { templateId: number; itemId: number | null; item: ItemValues }): WriteResult<number> {
  return writeTransaction((tx) => {
    const open = editable(tx, templateId, { items: true });
    if (!open.ok) return open.result;
    const items = itemRows(tx, templateId);
    const current = itemId === null ? null : items.find((i) => i.id === itemId);
    if (current === undefined) return NOT_FOUND;
    const others = items.filter((i) => i.id !== itemId);
    const sameCode = others.find((i) => i.code.toLowerCase() === item.code);
    if (sameCode) return fail("code", "surveyTemplate.error.codeTaken", { code: item.code });
    if (item.respondentField) {
      const asking = others.find((i) => i.respondentField === item.respondentField);
      if (asking) return fail("respondentField", `surveyTemplate.error.respondentFieldTaken.${item.respondentField}`, { code: asking.code });
    }
    if (current && current.kind !== item.kind) {
      const indices = indicesOfItem(tx, current.id);
      if (indices.length > 0) return fail("kind", "surveyTemplate.error.kindInIndex", { index: indices.join(", ") });
    }
    const values = {
      code: item.code,
      kind: item.kind,
      leadIn: item.leadIn,
      prompt: item.prompt,
      options: item.options,
      lowLabel: item.lowLabel,
      highLabel: item.highLabel,
      respondentField: item.respondentField,
      required: item.required,
    };
    if (current) {
      tx.update(surveyItems).set(values).where(eq(surveyItems.id, current.id)).run();
      return ok(current.id);
    }
    const position = (items.at(-1)?.position ?? 0) + 1;
    const row = tx.insert(surveyItems).values({ ...values, templateId, position }).returning({ id: surveyItems.id }).get();
    return ok(row.id);
  });
}

/** Numbers the rows 1, 2, 3 … in their order, through negative positions so the unique (template, position) index never sees two alike. */
function renumber(tx: Tx, table: typeof surveyItems | typeof surveyIndices, ids: number[]) {
  ids.forEach((id, i) => tx.update(table).set({ position: -(i + 1) }).where(eq(table.id, id)).run());
  ids.forEach((id, i) => tx.update(table).set({ position: i + 1 }).where(eq(table.id, id)).run());
}

export function deleteSurveyItem({ templateId, itemId }: { templateId: number; itemId: number }): WriteResult {
  return writeTransaction((tx) => {
    const open = editable(tx, templateId, { items: true });
    if (!open.ok) return open.result;
    const items = itemRows(tx, templateId);
    const item = items.find((i) => i.id === itemId);
    if (!item) return NOT_FOUND;
    const indices = indicesOfItem(tx, itemId);
    if (indices.length > 0) return fail("form", "surveyTemplate.error.deleteInIndex", { code: item.code, index: indices.join(", ") });
    tx.delete(surveyItems).where(eq(surveyItems.id, itemId)).run();
    renumber(
      tx,
      surveyItems,
      items.filter((i) => i.id !== itemId).map((i) => i.id),
    );
    return ok(null);
  });
}

/** Moves an item one step up or down. At the top or bottom nothing changes. */
export function moveSurveyItem({ templateId, itemId, direction }: { templateId: number; itemId: number; direction: "up" | "down" }): WriteResult {
  return writeTransaction((tx) => {
    const open = editable(tx, templateId, { items: true });
    if (!open.ok) return open.result;
    const ids = itemRows(tx, templateId).map((i) => i.id);
    const from = ids.indexOf(itemId);
    if (from < 0) return NOT_FOUND;
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= ids.length) return ok(null);
    [ids[from], ids[to]] = [ids[to], ids[from]];
    renumber(tx, surveyItems, ids);
    return ok(null);
  });
}

/**
 * Adds (indexId null) or changes a named index. Its items must be Likert items
 * of this template, all of the same Likert kind, at least one. Allowed on a
 * template with responses: an index is a way of reading the answers.
 */
export function saveSurveyIndex({ templateId, indexId, name, itemIds }: { templateId: number; indexId: number | null; name: string; itemIds: number[] }): WriteResult<number> {
  return writeTransaction((tx) => {
    const open = editable(tx, templateId, { items: false });
    if (!open.ok) return open.result;
    const indices = tx
      .select({ id: surveyIndices.id, name: surveyIndices.name, position: surveyIndices.position })
      .from(surveyIndices)
      .where(eq(surveyIndices.templateId, templateId))
      .orderBy(asc(surveyIndices.position))
      .all();
    if (indexId !== null && !indices.some((i) => i.id === indexId)) return NOT_FOUND;
    const lower = name.toLocaleLowerCase("sv");
    if (indices.some((i) => i.id !== indexId && i.name.toLocaleLowerCase("sv") === lower)) return fail("name", "surveyTemplate.error.indexNameTaken");
    if (itemIds.length === 0) return fail("items", "surveyTemplate.error.indexEmpty");
    const items = tx
      .select({ id: surveyItems.id, kind: surveyItems.kind })
      .from(surveyItems)
      .where(and(eq(surveyItems.templateId, templateId), inArray(surveyItems.id, itemIds)))
      .all();
    if (items.length !== itemIds.length || items.some((i) => !isLikert(i.kind as SurveyItemKind))) return fail("items", "surveyTemplate.error.indexItems");
    if (new Set(items.map((i) => i.kind)).size > 1) return fail("items", "surveyTemplate.error.indexMixed");
    let id: number;
    if (indexId === null) {
      const position = (indices.at(-1)?.position ?? 0) + 1;
      id = tx.insert(surveyIndices).values({ templateId, position, name }).returning({ id: surveyIndices.id }).get().id;
    } else {
      id = indexId;
      tx.update(surveyIndices).set({ name }).where(eq(surveyIndices.id, id)).run();
      tx.delete(surveyIndexItems).where(eq(surveyIndexItems.indexId, id)).run();
    }
    tx.insert(surveyIndexItems)
      .values(itemIds.map((itemId) => ({ indexId: id, itemId })))
      .run();
    return ok(id);
  });
}

export function deleteSurveyIndex({ templateId, indexId }: { templateId: number; indexId: number }): WriteResult {
  return writeTransaction((tx) => {
    const open = editable(tx, templateId, { items: false });
    if (!open.ok) return open.result;
    const removed = tx.delete(surveyIndices).where(and(eq(surveyIndices.id, indexId), eq(surveyIndices.templateId, templateId))).returning({ id: surveyIndices.id }).get();
    if (!removed) return NOT_FOUND;
    const rest = tx.select({ id: surveyIndices.id }).from(surveyIndices).where(eq(surveyIndices.templateId, templateId)).orderBy(asc(surveyIndices.position)).all();
    renumber(
      tx,
      surveyIndices,
      rest.map((r) => r.id),
    );
    return ok(null);
  });
}

/** "Förenkät (kopia)", or "Förenkät (kopia 2)" when that is taken. */
function copyName(tx: Tx, name: string): string {
  for (let n = 1; ; n++) {
    const candidate = `${name} (kopia${n === 1 ? "" : ` ${n}`})`;
    if (!nameTaken(tx, candidate, null)) return candidate;
  }
}

/** A new custom template with the same phase, intro, items and indices. Built-in templates can be copied too. */
export function copySurveyTemplate({ templateId, createdById }: { templateId: number; createdById: number | null }): WriteResult<number> {
  return writeTransaction((tx) => {
    const source = tx.select().from(surveyTemplates).where(eq(surveyTemplates.id, templateId)).get();
    if (!source) return NOT_FOUND;
    const { id } = tx
      .insert(surveyTemplates)
      .values({ key: null, name: copyName(tx, source.name), phase: source.phase, intro: source.intro, builtIn: false, createdById })
      .returning({ id: surveyTemplates.id })
      .get();
    const items = tx.select().from(surveyItems).where(eq(surveyItems.templateId, templateId)).orderBy(asc(surveyItems.position)).all();
    const newItemId = new Map<number, number>();
    for (const item of items) {
      const row = tx
        .insert(surveyItems)
        .values({
          templateId: id,
          position: item.position,
          code: item.code,
          kind: item.kind,
          leadIn: item.leadIn,
          prompt: item.prompt,
          options: item.options as SurveyOption[] | null,
          lowLabel: item.lowLabel,
          highLabel: item.highLabel,
          respondentField: item.respondentField,
          required: item.required,
        })
        .returning({ id: surveyItems.id })
        .get();
      newItemId.set(item.id, row.id);
    }
    const indices = tx.select().from(surveyIndices).where(eq(surveyIndices.templateId, templateId)).orderBy(asc(surveyIndices.position)).all();
    for (const index of indices) {
      const row = tx.insert(surveyIndices).values({ templateId: id, position: index.position, name: index.name }).returning({ id: surveyIndices.id }).get();
      const members = tx.select({ itemId: surveyIndexItems.itemId }).from(surveyIndexItems).where(eq(surveyIndexItems.indexId, index.id)).all();
      if (members.length) {
        tx.insert(surveyIndexItems)
          .values(members.map((m) => ({ indexId: row.id, itemId: newItemId.get(m.itemId)! })))
          .run();
      }
    }
    return ok(id);
  });
}

/** Deletes a custom template that no series uses (its items and indices go with it). */
export function deleteSurveyTemplate({ templateId }: { templateId: number }): WriteResult {
  return writeTransaction((tx) => {
    const open = editable(tx, templateId, { items: false });
    if (!open.ok) return open.result;
    const usage = usageOf(tx, templateId);
    if (usage.series > 0) return fail("form", "surveyTemplate.error.deleteInUse", { series: usage.series });
    tx.delete(surveyTemplates).where(and(eq(surveyTemplates.id, templateId), ne(surveyTemplates.builtIn, true))).run();
    return ok(null);
  });
}
