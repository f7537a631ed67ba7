/**
 * The audit log for process leaders (issue #11 item 5, decision 016): newest
 * first, 50 a page, filtered in SQL by action, actor, series and a date range
 * of Stockholm days. Coordinators and sponsors get 403.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormError, SelectField } from "~/components/field";
import { TableWrap } from "~/components/table-wrap";
import { isMessageKey, useT, type MessageKey, type Translate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { formatDateTime } from "~/lib/format";
import { requireUserWithPermission } from "~/lib/permissions.server";
import { isoDate } from "~/lib/schemas";
import { stockholmToUtc } from "~/lib/time";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import {
  AUDIT_ACTIONS,
  AUDIT_PAGE_SIZE,
  auditActorOptions,
  auditSeriesOptions,
  listAuditEntries,
  type AuditAction,
  type AuditRow,
} from "~/models/audit-log.server";

export const meta: MetaFunction = () => [{ title: "Granskningslogg – Processtöd" }];

const positiveId = (message: string) =>
  z
    .string()
    .regex(/^[1-9]\d{0,9}$/, message)
    .transform(Number)
    .optional();

const FilterSchema = z
  .object({
    action: z
      .string()
      .refine((v): v is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(v), "auditLog.filter.actionInvalid")
      .optional(),
    actor: positiveId("auditLog.filter.actorInvalid"),
    series: positiveId("auditLog.filter.seriesInvalid"),
    from: isoDate.optional(),
    to: isoDate.optional(),
    page: z
      .string()
      .regex(/^[1-9]\d{0,5}$/, "auditLog.filter.pageInvalid")
      .transform(Number)
      .optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ["to"], message: "auditLog.filter.toBeforeFrom" });

const FILTER_FIELDS = ["action", "actor", "series", "from", "to"] as const;
type FilterValues = Record<(typeof FILTER_FIELDS)[number], string>;

/** The day after a YYYY-MM-DD date, as YYYY-MM-DD (for an exclusive upper bound). */
function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read", "audit-log");
  const t = await getTranslator(request);
  const url = new URL(request.url);
  // Empty fields mean "any"; only the first value of each counts.
  const formData = new FormData();
  const values = {} as FilterValues;
  for (const key of [...FILTER_FIELDS, "page"] as const) {
    const value = (url.searchParams.get(key) ?? "").trim().slice(0, 100);
    if (key !== "page") values[key] = value;
    if (value) formData.set(key, value);
  }
  const options = { actions: [...AUDIT_ACTIONS], actors: auditActorOptions(), series: auditSeriesOptions() };
  const parsed = parseFormData(FilterSchema, formData, t);
  if (!parsed.ok) {
    return json({ errors: parsed.errors as FieldErrors, values, options, rows: [] as AuditRow[], total: 0, page: 1, pages: 1, filtered: true }, { status: 400 });
  }
  const f = parsed.data;
  // Ids that exist nowhere get the same message as anything else not in the list.
  const errors: FieldErrors = {};
  if (f.actor && !options.actors.some((a) => a.id === f.actor)) errors.actor = t("auditLog.filter.actorInvalid");
  if (f.series && !options.series.some((s) => s.id === f.series)) errors.series = t("auditLog.filter.seriesInvalid");
  if (Object.keys(errors).length > 0) {
    return json({ errors, values, options, rows: [] as AuditRow[], total: 0, page: 1, pages: 1, filtered: true }, { status: 400 });
  }
  const filter = {
    action: f.action ?? null,
    actorUserId: f.actor ?? null,
    seriesId: f.series ?? null,
    from: f.from ? stockholmToUtc(f.from, "00:00") : null,
    to: f.to ? stockholmToUtc(nextDay(f.to), "00:00") : null,
  };
  const page = f.page ?? 1;
  const { rows, total } = listAuditEntries({ filter, page });
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const filtered = FILTER_FIELDS.some((k) => values[k] !== "");
  return json(
    { errors: {} as FieldErrors, values, options, rows, total, page, pages, filtered },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

function actionLabel(t: Translate, action: string): string {
  const key = `auditLog.action.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

function entityLabel(t: Translate, kind: string, id: string | null): string {
  const key = `auditLog.entity.${kind}`;
  if (isMessageKey(key)) return t(key, { id: id ?? "" }).trim();
  return id ? `${kind} ${id}` : kind;
}

/** A detail's name: the log's own label, else a retention kind's (retention counts and settings). */
function detailLabel(t: Translate, key: string): string {
  for (const candidate of [`auditLog.detail.${key}`, `retention.kind.${key}`]) {
    if (isMessageKey(candidate)) return t(candidate as MessageKey);
  }
  return key;
}

function detailValue(t: Translate, key: string, value: unknown): string {
  if (value === null || value === undefined) return t("auditLog.none");
  if (typeof value === "boolean") return value ? t("auditLog.yes") : t("auditLog.no");
  if (Array.isArray(value)) return value.map((v) => detailValue(t, key, v)).join(", ");
  if (typeof value === "object") {
    // Nested details are a change ({from, to}) or counts per kind (retention, erasure); zero
    // counts are left out so a run that removed nothing reads "–", not a row of zeros.
    const entries = Object.entries(value as Record<string, unknown>);
    const keys = entries.map(([k]) => k).sort().join(",");
    if (keys === "from,to") {
      const change = value as { from: unknown; to: unknown };
      return `${detailValue(t, key, change.from)} → ${detailValue(t, key, change.to)}`;
    }
    const shown = entries.filter(([, v]) => v !== 0);
    if (!shown.length) return t("auditLog.none");
    return shown.map(([k, v]) => `${detailLabel(t, k)}: ${detailValue(t, k, v)}`).join("; ");
  }
  const text = String(value);
  if (key === "status" || key === "previous") {
    const status = `attendanceStatus.${text}`;
    if (isMessageKey(status)) return t(status);
  }
  if (key === "from" || key === "to") {
    const status = `seriesStatus.${text}`;
    if (isMessageKey(status)) return t(status);
  }
  if (key === "role") {
    const role = `role.${text}`;
    if (isMessageKey(role)) return t(role);
  }
  return text;
}

/** "person: 12 · status: Närvarande · tidigare: –" */
function Details({ details }: { details: Record<string, unknown> | null }) {
  const t = useT();
  if (!details || Object.keys(details).length === 0) return <>{t("auditLog.none")}</>;
  return (
    <ul className="audit-details">
      {Object.entries(details).map(([key, value]) => {
        return (
          <li key={key}>
            <span className="audit-details__key">{detailLabel(t, key)}:</span> {detailValue(t, key, value)}
          </li>
        );
      })}
    </ul>
  );
}

function Who({ row }: { row: AuditRow }) {
  const t = useT();
  if (row.actorKind === "participant" && row.actorPersonId !== null) return <>{t("auditLog.actor.participant", { id: row.actorPersonId })}</>;
  // Staff are stored as "Name (role)" as they were at the time; the role is shown in the page's language.
  const staff = row.actorKind === "staff" ? /^(.*) \((admin|coordinator|sponsor)\)$/.exec(row.actorLabel) : null;
  if (staff) return <>{`${staff[1]} (${t(`role.${staff[2]}` as MessageKey)})`}</>;
  return <>{row.actorLabel}</>;
}

export default function AuditLogPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const rows = data.rows.map((r) => ({ ...r, at: new Date(r.at) })) as AuditRow[];
  const pageLink = (page: number) => {
    const params = new URLSearchParams();
    for (const key of FILTER_FIELDS) if (data.values[key]) params.set(key, data.values[key]);
    params.set("page", String(page));
    return `?${params}`;
  };
  const all = t("auditLog.filter.all");
  return (
    <>
      <h1>{t("auditLog.title")}</h1>
      <p className="lead">{t("auditLog.intro")}</p>
      <FormError message={data.errors.page} />
      <Form method="get" className="filters card audit-filters" aria-label={t("auditLog.filter.legend")}>
        <SelectField
          label={t("auditLog.filter.action")}
          name="action"
          defaultValue={data.values.action}
          error={data.errors.action}
          options={[{ value: "", label: all }, ...data.options.actions.map((a) => ({ value: a, label: actionLabel(t, a) }))]}
        />
        <SelectField
          label={t("auditLog.filter.actor")}
          name="actor"
          defaultValue={data.values.actor}
          error={data.errors.actor}
          options={[{ value: "", label: all }, ...data.options.actors.map((a) => ({ value: String(a.id), label: a.name }))]}
        />
        <SelectField
          label={t("auditLog.filter.series")}
          name="series"
          defaultValue={data.values.series}
          error={data.errors.series}
          options={[{ value: "", label: all }, ...data.options.series.map((s) => ({ value: String(s.id), label: s.name }))]}
        />
        <Field
          label={t("auditLog.filter.from")}
          name="from"
          defaultValue={data.values.from}
          error={data.errors.from}
          help={t("auditLog.filter.dateHint")}
          type="text"
          inputMode="numeric"
          autoComplete="off"
        />
        <Field
          label={t("auditLog.filter.to")}
          name="to"
          defaultValue={data.values.to}
          error={data.errors.to}
          help={t("auditLog.filter.dateHint")}
          type="text"
          inputMode="numeric"
          autoComplete="off"
        />
        <div className="audit-filters__buttons">
          <button type="submit" className="button">
            {t("auditLog.filter.submit")}
          </button>
          {data.filtered ? <Link to="/granskningslogg">{t("auditLog.filter.clear")}</Link> : null}
        </div>
      </Form>

      {rows.length === 0 ? (
        <p className="empty">{data.filtered ? t("auditLog.empty") : t("auditLog.emptyAll")}</p>
      ) : (
        <>
          <p className="audit-count" aria-live="polite">
            {data.total === 1 ? t("auditLog.countOne") : t("auditLog.count", { count: data.total })}
          </p>
          <TableWrap label={t("auditLog.title")}>
            <table className="audit-log">
              <thead>
                <tr>
                  <th scope="col">{t("auditLog.col.time")}</th>
                  <th scope="col">{t("auditLog.col.who")}</th>
                  <th scope="col">{t("auditLog.col.what")}</th>
                  <th scope="col">{t("auditLog.col.series")}</th>
                  <th scope="col">{t("auditLog.col.entity")}</th>
                  <th scope="col">{t("auditLog.col.details")}</th>
                  <th scope="col">{t("auditLog.col.ip")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td className="audit-log__time">{formatDateTime(r.at)}</td>
                    <td>
                      <Who row={r} />
                    </td>
                    <td>{actionLabel(t, r.action)}</td>
                    <td>{r.seriesId !== null ? r.seriesName ?? String(r.seriesId) : t("auditLog.none")}</td>
                    <td>{entityLabel(t, r.entityKind, r.entityId)}</td>
                    <td>
                      <Details details={r.details} />
                    </td>
                    <td>{r.ip || t("auditLog.none")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {data.pages > 1 ? (
            <nav className="audit-pages" aria-label={t("auditLog.pagination")}>
              {data.page > 1 ? <Link to={pageLink(data.page - 1)}>{t("auditLog.previous")}</Link> : null}
              <span>{t("auditLog.page", { page: data.page, pages: data.pages })}</span>
              {data.page < data.pages ? <Link to={pageLink(data.page + 1)}>{t("auditLog.next")}</Link> : null}
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}
