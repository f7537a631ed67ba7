import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Field, SelectField, TextAreaField } from "~/components/field";
import { ParticipantTable } from "~/components/participant-table";
import { Representation } from "~/components/representation";
import { ScheduleWarnings } from "~/components/schedule-warnings";
import { SectorTable } from "~/components/sector-table";
import { StatusBadge } from "~/components/status-badge";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { formatDate, formatNumber, formatTime, isoWeek } from "~/lib/format";
import { can, requireSeriesPermission, scopeFor } from "~/lib/permissions.server";
import { seriesWarnings } from "~/lib/schedule-warnings.server";
import { computeGaps } from "~/lib/representation";
import { TargetsSchema, targetsFromForm } from "~/lib/target-form";
import { isoDate, optionalHttpUrl, optionalInt, optionalText, term } from "~/lib/schemas";
import { sectorFigures } from "~/lib/sectors.server";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import {
  enrolledBySector,
  getSeries,
  listSeriesParticipants,
  listSeriesSessions,
  updateSessionPracticalities,
} from "~/models/series.server";
import { exchangeForSeries } from "~/models/exchange.server";
import { getTargets, roleCategoryCounts, saveTargets, sectorCounts } from "~/models/representation.server";
import { getReadiness, readinessCompleteness } from "~/models/readiness.server";
import { createSeriesFromTemplate, rebookLinks, rebookSource, setSeriesStatus } from "~/models/series-planning.server";
import { SERIES_STATUSES, SESSION_FORMATS } from "../../db/schema";
import { staffAudit } from "~/models/audit-log.server";
import { type AppLoadContext } from "@remix-run/node";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.series.name} – Processtöd` : "Processtöd" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "read", "series");
  const series = getSeries({ seriesId, scope });
  if (!series) throw json({ message: "not-found" }, { status: 404 });
  const participantScope = scopeFor(user, "read", "participants");
  return {
    series,
    sessions: listSeriesSessions({ seriesId }),
    enrolled: sectorFigures(enrolledBySector({ seriesId }), { suppress: !participantScope }),
    participants: participantScope ? listSeriesParticipants({ seriesId, scope: participantScope }) : null,
    canEditSessions: can(user, "update", "series-session"),
    canManage: can(user, "update", "series"),
    warnings: Object.fromEntries(seriesWarnings({ seriesId })),
    readiness: can(user, "read", "readiness")
      ? { ...readinessCompleteness({ values: getReadiness({ seriesId }) }), canEdit: can(user, "update", "readiness") }
      : null,
    exchange: exchangeForSeries({ seriesId }),
    representation: participantScope ? representationFor(seriesId) : null,
    canEditParticipants: can(user, "update", "participants"),
    canReadAttendance: can(user, "read", "attendance"),
    canReadSurveys: can(user, "read", "survey"),
    canReadSurveyResults: can(user, "read", "survey-results"),
    rebook: rebookLinks({ seriesId }),
  };
}

function representationFor(seriesId: number) {
  const counts = sectorCounts({ seriesId });
  const { targets, requireManager } = getTargets({ seriesId });
  return {
    counts,
    roles: roleCategoryCounts({ seriesId }),
    targets,
    requireManager,
    gaps: computeGaps({ counts, targets, requireManager }),
  };
}

const PracticalitiesSchema = z.object({
  sessionId: z.coerce.number({ invalid_type_error: "series.sessionInvalid" }).int().positive("series.sessionInvalid"),
  format: z.enum(SESSION_FORMATS, { errorMap: () => ({ message: "series.formatInvalid" }) }),
  venue: optionalText(300),
  meetingLink: optionalHttpUrl("series.linkInvalid"),
});

type ActionData = {
  form: "practicalities" | "status" | "rebook" | "targets";
  sessionId: number | null;
  errors: FieldErrors;
  values: Record<string, string>;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "status") return changeStatus(request, params.seriesId, formData, context);
  if (intent === "rebook") return rebook(request, params.seriesId, formData, context);
  if (intent === "targets") return changeTargets(request, params.seriesId, formData, context);
  return savePracticalities(request, params.seriesId, formData, context);
}

async function savePracticalities(request: Request, seriesIdParam: string | undefined, formData: FormData, context: AppLoadContext) {
  // Checked here too: the loader's check does not protect a posted form.
  const { user, scope, seriesId } = await requireSeriesPermission(request, seriesIdParam, "update", "series-session");
  const t = await getTranslator(request);
  const parsed = parseFormData(PracticalitiesSchema, formData, t);
  const sessionId = Number(formData.get("sessionId")) || null;
  const values = Object.fromEntries(
    ["format", "venue", "meetingLink"].map((k) => [k, String(formData.get(k) ?? "").slice(0, 2000)]),
  );
  if (!parsed.ok) {
    return json<ActionData>({ form: "practicalities", sessionId, errors: parsed.errors, values }, { status: 400 });
  }
  const { sessionId: id, ...practicalities } = parsed.data;
  const updated = updateSessionPracticalities({ seriesId, sessionId: id, scope, values: practicalities, audit: staffAudit(user, context) });
  if (!updated) {
    return json<ActionData>(
      { form: "practicalities", sessionId, errors: { sessionId: t("series.sessionInvalid") }, values },
      { status: 400 },
    );
  }
  return redirect(`/serier/${seriesId}?sparat=${id}#tillfalle-${id}`);
}

async function changeTargets(request: Request, seriesIdParam: string | undefined, formData: FormData, context: AppLoadContext) {
  const { user, seriesId } = await requireSeriesPermission(request, seriesIdParam, "update", "participants");
  const t = await getTranslator(request);
  const parsed = parseFormData(TargetsSchema, formData, t);
  if (!parsed.ok) return json<ActionData>({ form: "targets", sessionId: null, errors: parsed.errors, values: {} }, { status: 400 });
  saveTargets({
    seriesId,
    requireManager: formData.get("requireManager") === "1",
    targets: targetsFromForm(parsed.data),
    audit: staffAudit(user, context),
  });
  return redirect(`/serier/${seriesId}?mal=1#representation-title`);
}

const StatusSchema = z
  .object({
    status: z.enum(SERIES_STATUSES, { errorMap: () => ({ message: "series.statusInvalid" }) }),
    cancelReason: optionalText(2000),
  })
  .refine((v) => v.status !== "avbruten" || !!v.cancelReason, { path: ["cancelReason"], message: "series.cancelReasonRequired" });

async function changeStatus(request: Request, seriesIdParam: string | undefined, formData: FormData, context: AppLoadContext) {
  const { user, seriesId } = await requireSeriesPermission(request, seriesIdParam, "update", "series");
  const t = await getTranslator(request);
  const parsed = parseFormData(StatusSchema, formData, t);
  const values = { status: String(formData.get("status") ?? ""), cancelReason: String(formData.get("cancelReason") ?? "").slice(0, 2000) };
  if (!parsed.ok) return json<ActionData>({ form: "status", sessionId: null, errors: parsed.errors, values }, { status: 400 });
  setSeriesStatus({ seriesId, status: parsed.data.status, cancelReason: parsed.data.cancelReason, audit: staffAudit(user, context) });
  return redirect(`/serier/${seriesId}?status=${parsed.data.status}`);
}

const RebookSchema = z.object({
  term,
  firstDate: isoDate.refine((d) => d >= formatDate(new Date()), "series.dateInPast"),
});

async function rebook(request: Request, seriesIdParam: string | undefined, formData: FormData, context: AppLoadContext) {
  const { user, seriesId } = await requireSeriesPermission(request, seriesIdParam, "create", "series");
  const t = await getTranslator(request);
  const values = { term: String(formData.get("term") ?? "").slice(0, 50), firstDate: String(formData.get("firstDate") ?? "").slice(0, 20) };
  const source = rebookSource({ seriesId });
  if (!source || source.status !== "avbruten") {
    return json<ActionData>({ form: "rebook", sessionId: null, errors: { term: t("series.rebookOnlyCancelled") }, values }, { status: 400 });
  }
  if (!source.templateId || !source.processLeaderId) {
    return json<ActionData>({ form: "rebook", sessionId: null, errors: { term: t("series.rebookNoTemplate") }, values }, { status: 400 });
  }
  const parsed = parseFormData(RebookSchema, formData, t);
  if (!parsed.ok) return json<ActionData>({ form: "rebook", sessionId: null, errors: parsed.errors, values }, { status: 400 });
  const newId = createSeriesFromTemplate({
    name: source.name,
    term: parsed.data.term,
    templateId: source.templateId,
    organisationIds: source.organisationIds,
    processLeaderId: source.processLeaderId,
    coordinatorIds: source.coordinatorIds,
    firstDate: parsed.data.firstDate,
    rebookedFromId: seriesId,
  }, staffAudit(user, context));
  return redirect(`/serier/${newId}?skapad=1`);
}

type Session = ReturnType<typeof listSeriesSessions>[number];

function PracticalitiesForm({ session }: { session: Session }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const mine = actionData?.form === "practicalities" && actionData.sessionId === session.id ? actionData : undefined;
  const prefix = `s${session.id}`;
  return (
    <details className="session-edit" open={!!mine}>
      <summary>{t("series.editPracticalities")}</summary>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="practicalities" />
        <input type="hidden" name="sessionId" value={session.id} />
        {mine?.errors.sessionId ? <p className="error">{mine.errors.sessionId}</p> : null}
        <div className="field">
          <label htmlFor={`${prefix}-format`}>{t("series.format")}</label>
          <select
            id={`${prefix}-format`}
            name="format"
            defaultValue={mine?.values.format || session.format}
            aria-invalid={mine?.errors.format ? true : undefined}
            aria-describedby={mine?.errors.format ? `${prefix}-format-error` : undefined}
          >
            {SESSION_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`format.${f}`)}
              </option>
            ))}
          </select>
          {mine?.errors.format ? (
            <p className="error" id={`${prefix}-format-error`}>
              {mine.errors.format}
            </p>
          ) : null}
        </div>
        <Field
          id={`${prefix}-venue`}
          label={t("series.venue")}
          name="venue"
          type="text"
          defaultValue={mine ? mine.values.venue : (session.venue ?? "")}
          error={mine?.errors.venue}
        />
        <Field
          id={`${prefix}-link`}
          label={t("series.meetingLink")}
          name="meetingLink"
          type="url"
          inputMode="url"
          defaultValue={mine ? mine.values.meetingLink : (session.meetingLink ?? "")}
          error={mine?.errors.meetingLink}
        />
        <div>
          <button type="submit" className="button">
            {t("series.save")}
          </button>
        </div>
      </Form>
    </details>
  );
}

function StatusForms() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const statusErrors = actionData?.form === "status" ? actionData.errors : {};
  const rebookErrors = actionData?.form === "rebook" ? actionData.errors : {};
  return (
    <section className="card" aria-labelledby="status-title">
      <h2 id="status-title">{t("series.statusTitle")}</h2>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="status" />
        <SelectField
          label={t("series.statusField")}
          name="status"
          options={SERIES_STATUSES.map((st) => ({ value: st, label: t(`seriesStatus.${st}`) }))}
          defaultValue={actionData?.form === "status" ? actionData.values.status : data.series.status}
          error={statusErrors.status}
        />
        <TextAreaField
          label={t("series.cancelReasonField")}
          name="cancelReason"
          defaultValue={actionData?.form === "status" ? actionData.values.cancelReason : (data.series.cancelReason ?? "")}
          error={statusErrors.cancelReason}
        />
        <div>
          <button type="submit" className="button">
            {t("series.statusSubmit")}
          </button>
        </div>
      </Form>
      {data.series.status === "avbruten" ? (
        <>
          <h3>{t("series.rebookTitle")}</h3>
          <p className="help">{t("series.rebookIntro")}</p>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="rebook" />
            <Field
              id="rebook-term"
              label={t("series.termField")}
              name="term"
              type="text"
              help={t("series.termHelp")}
              defaultValue={actionData?.form === "rebook" ? actionData.values.term : ""}
              error={rebookErrors.term}
            />
            <Field
              id="rebook-date"
              label={t("series.firstDate")}
              name="firstDate"
              type="date"
              defaultValue={actionData?.form === "rebook" ? actionData.values.firstDate : ""}
              error={rebookErrors.firstDate}
            />
            <div>
              <button type="submit" className="button">
                {t("series.rebookSubmit")}
              </button>
            </div>
          </Form>
        </>
      ) : null}
    </section>
  );
}

export default function SeriesPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const [searchParams] = useSearchParams();
  const savedId = Number(searchParams.get("sparat"));
  const saved = data.sessions.find((s) => s.id === savedId);
  const changedStatus = searchParams.get("status");
  const { series } = data;
  return (
    <>
      <h1>{series.name}</h1>
      <p>
        <StatusBadge status={series.status} /> {series.term} · {series.organisations}
      </p>
      <dl className="meta-list">
        <dt>{t("series.processLeader")}</dt>
        <dd>{series.processLeader ?? t("series.none")}</dd>
        <dt>{t("series.coordinators")}</dt>
        <dd>{series.coordinators.length ? series.coordinators.map((c) => c.name).join(", ") : t("series.none")}</dd>
        {series.template ? (
          <>
            <dt>{t("series.templateLabel")}</dt>
            <dd>{series.template}</dd>
          </>
        ) : null}
        {series.cancelReason ? (
          <>
            <dt>{t("series.cancelReason")}</dt>
            <dd>{series.cancelReason}</dd>
          </>
        ) : null}
        {data.rebook.from ? (
          <>
            <dt>{t("series.rebookedFrom")}</dt>
            <dd>
              <Link to={`/serier/${data.rebook.from.id}`}>
                {data.rebook.from.name} ({data.rebook.from.term})
              </Link>
            </dd>
          </>
        ) : null}
        {data.rebook.to.length ? (
          <>
            <dt>{t("series.rebookedTo")}</dt>
            <dd>
              {data.rebook.to.map((r) => (
                <Link key={r.id} to={`/serier/${r.id}`}>
                  {r.name} ({r.term})
                </Link>
              ))}
            </dd>
          </>
        ) : null}
        <dt>{t("series.exchangeTitle")}</dt>
        <dd>
          {data.exchange ? (
            <Link to={`/utbyten/${data.exchange.id}`}>
              {t("series.exchangeLinked", { title: data.exchange.title, date: formatDate(data.exchange.startsAt) })}
            </Link>
          ) : (
            t("series.exchangeNone")
          )}
        </dd>
      </dl>
      <p>
        <a href={`/ics/serie/${series.id}`} download>
          {t("series.icsSeries")}
        </a>
      </p>
      {searchParams.has("skapad") ? (
        <div className="notice notice--ok" role="status">
          {t("series.created")}
        </div>
      ) : null}
      {changedStatus && (SERIES_STATUSES as readonly string[]).includes(changedStatus) ? (
        <div className="notice notice--ok" role="status">
          {t("series.statusSaved", { status: t(`seriesStatus.${changedStatus as (typeof SERIES_STATUSES)[number]}`) })}
        </div>
      ) : null}
      {saved ? (
        <div className="notice notice--ok" role="status">
          {t("series.saved", { session: saved.title })}
        </div>
      ) : null}
      {searchParams.has("mal") ? (
        <div className="notice notice--ok" role="status">
          {t("gap.saved")}
        </div>
      ) : null}

      {data.readiness ? (
        <section className="card" aria-labelledby="readiness-title">
          <h2 id="readiness-title">{t("series.readinessTitle")}</h2>
          <p>
            <progress max={data.readiness.total} value={data.readiness.answered} aria-labelledby="readiness-progress" />{" "}
            <span id="readiness-progress">
              {t("series.readinessProgress", { answered: data.readiness.answered, total: data.readiness.total })}
            </span>
          </p>
          <p>
            <Link to={`/serier/${series.id}/forankring`}>
              {data.readiness.canEdit ? t("series.readinessOpen") : t("series.readinessView")}
            </Link>
          </p>
        </section>
      ) : null}

      <h2>{t("series.sessionsTitle")}</h2>
      {data.canReadAttendance ? (
        <p className="link-row">
          <Link to={`/serier/${series.id}/narvaro`}>{t("attendanceReport.seriesLink")}</Link>
          <Link to={`/serier/${series.id}/oversikt`}>{t("seriesDashboard.seriesLink")}</Link>
          {data.canReadSurveys ? <Link to={`/serier/${series.id}/enkater`}>{t("surveyAnswer.seriesLink")}</Link> : null}
        </p>
      ) : null}
      {data.canReadSurveyResults ? (
        <p className="link-row">
          <Link to={`/serier/${series.id}/enkater/analys`}>{t("surveyAnalysis.seriesLink")}</Link>
        </p>
      ) : null}
      {data.sessions.length === 0 ? <p className="empty">{t("series.sessionsEmpty")}</p> : null}
      {data.sessions.map((s) => (
        <section key={s.id} id={`tillfalle-${s.id}`} className="card" aria-labelledby={`session-title-${s.id}`}>
          <h3 id={`session-title-${s.id}`}>
            {s.position}. {s.title}
          </h3>
          <ScheduleWarnings warnings={data.warnings[s.id] ?? []} overrideReason={s.overrideReason} />
          <dl className="meta-list">
            <dt>{t("series.date")}</dt>
            <dd>
              {formatDate(s.startsAt)} ({t("series.weekShort", { week: isoWeek(s.startsAt) })}), {formatTime(s.startsAt)}–
              {formatTime(s.endsAt)}
            </dd>
            <dt>{t("series.format")}</dt>
            <dd>{t(`format.${s.format}`)}</dd>
            <dt>{t("series.venue")}</dt>
            <dd>{s.venue || t("series.none")}</dd>
            {s.meetingLink ? (
              <>
                <dt>{t("series.meetingLink")}</dt>
                <dd>
                  <a href={s.meetingLink} rel="noopener noreferrer">
                    {s.meetingLink}
                  </a>
                </dd>
              </>
            ) : null}
            {s.expert ? (
              <>
                <dt>{t("series.expert")}</dt>
                <dd className="pre-line">{s.expert}</dd>
              </>
            ) : null}
            {s.attended > 0 ? (
              <>
                <dt>{t("series.attended")}</dt>
                <dd>{formatNumber(s.attended)}</dd>
              </>
            ) : null}
          </dl>
          <p className="help">
            {t("series.prepSummary", { documents: s.documents, lectures: s.lectures, questions: s.questions })}
            {s.prepHours ? ` · ${t("series.prepHours", { hours: formatNumber(s.prepHours) })}` : ""}
          </p>
          <p className="link-row">
            <Link to={`/serier/${series.id}/tillfallen/${s.id}`}>
              {t("series.openSession")}
              <span className="visually-hidden"> {s.position}</span>
            </Link>
            <a href={`/ics/tillfalle/${s.id}`} download>
              {t("series.icsSession")}
              <span className="visually-hidden"> {s.position}</span>
            </a>
            {data.canReadAttendance ? (
              <Link to={`/serier/${series.id}/tillfallen/${s.id}/narvaro`}>
                {t("attendanceReport.rosterLink")}
                <span className="visually-hidden"> {s.position}</span>
              </Link>
            ) : null}
          </p>
          {data.canEditSessions ? <PracticalitiesForm session={s} /> : null}
        </section>
      ))}

      {data.canManage ? <StatusForms /> : null}

      {data.representation ? (
        <>
          <Representation {...data.representation} canEdit={data.canEditParticipants} />
          <p className="link-row">
            <Link to={`/serier/${series.id}/deltagare`}>{t("participants.open")}</Link>
            <Link to={`/serier/${series.id}/inbjudningar`}>{t("invite.open")}</Link>
          </p>
        </>
      ) : null}

      <h2>{t("series.sectorTitle")}</h2>
      <SectorTable caption={t("series.sectorCaption")} figures={data.enrolled} />

      {data.participants ? (
        <>
          <h2 id="participants-title">{t("series.participantsTitle")}</h2>
          <p>
            <Link to={`/serier/${series.id}/deltagare`}>{t("participants.open")}</Link>
          </p>
          {data.participants.length === 0 ? (
            <p className="empty">{t("series.participantsEmpty")}</p>
          ) : (
            <ParticipantTable participants={data.participants} />
          )}
        </>
      ) : null}
    </>
  );
}
