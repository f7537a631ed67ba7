import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/field";
import { SectorTable } from "~/components/sector-table";
import { StatusBadge } from "~/components/status-badge";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { formatDate, formatNumber, formatTime, isoWeek } from "~/lib/format";
import { can, requireSeriesPermission, scopeFor } from "~/lib/permissions.server";
import { optionalHttpUrl, optionalText } from "~/lib/schemas";
import { sectorFigures } from "~/lib/sectors.server";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import {
  enrolledBySector,
  getSeries,
  listSeriesParticipants,
  listSeriesSessions,
  updateSessionPracticalities,
} from "~/models/series.server";
import { SESSION_FORMATS } from "../../db/schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.series.name} – Processtöd` : "Processtöd" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "read", "series");
  const series = getSeries({ seriesId, scope });
  if (!series) throw json({ message: "not-found" }, { status: 404 });
  const participantScope = scopeFor(user, "read", "participants");
  const enrolled = enrolledBySector({ seriesId });
  return {
    series,
    sessions: listSeriesSessions({ seriesId }),
    enrolled: sectorFigures(enrolled, { suppress: !participantScope }),
    missingHealthCare:
      !!participantScope &&
      (series.status === "planerad" || series.status === "pagaende") &&
      !enrolled.some((e) => e.sector === "halso_sjukvard" && e.count > 0),
    participants: participantScope ? listSeriesParticipants({ seriesId, scope: participantScope }) : null,
    canEditSessions: can(user, "update", "series-session"),
  };
}

const PracticalitiesSchema = z.object({
  sessionId: z.coerce.number({ invalid_type_error: "series.sessionInvalid" }).int().positive("series.sessionInvalid"),
  format: z.enum(SESSION_FORMATS, { errorMap: () => ({ message: "series.formatInvalid" }) }),
  venue: optionalText(300),
  meetingLink: optionalHttpUrl("series.linkInvalid"),
});

type ActionData = { sessionId: number | null; errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  // Checked here too: the loader's check does not protect a posted form.
  const { scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "update", "series-session");
  const t = await getTranslator(request);
  const formData = await request.formData();
  const parsed = parseFormData(PracticalitiesSchema, formData, t);
  const sessionId = Number(formData.get("sessionId")) || null;
  const values = Object.fromEntries(
    ["format", "venue", "meetingLink"].map((k) => [k, String(formData.get(k) ?? "").slice(0, 2000)]),
  );
  if (!parsed.ok) {
    return json<ActionData>({ sessionId, errors: parsed.errors, values }, { status: 400 });
  }
  const { sessionId: id, ...practicalities } = parsed.data;
  const updated = updateSessionPracticalities({ seriesId, sessionId: id, scope, values: practicalities });
  if (!updated) {
    return json<ActionData>({ sessionId, errors: { sessionId: t("series.sessionInvalid") }, values }, { status: 400 });
  }
  return redirect(`/serier/${seriesId}?sparat=${id}#tillfalle-${id}`);
}

type Session = ReturnType<typeof listSeriesSessions>[number];

function PracticalitiesForm({ session }: { session: Session }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const mine = actionData?.sessionId === session.id ? actionData : undefined;
  const prefix = `s${session.id}`;
  return (
    <details className="session-edit" open={!!mine}>
      <summary>{t("series.editPracticalities")}</summary>
      <Form method="post" className="stack" noValidate>
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

export default function SeriesPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const [searchParams] = useSearchParams();
  const savedId = Number(searchParams.get("sparat"));
  const saved = data.sessions.find((s) => s.id === savedId);
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
        {series.cancelReason ? (
          <>
            <dt>{t("series.cancelReason")}</dt>
            <dd>{series.cancelReason}</dd>
          </>
        ) : null}
      </dl>
      {saved ? (
        <div className="notice notice--ok" role="status">
          {t("series.saved", { session: saved.title })}
        </div>
      ) : null}
      {data.missingHealthCare ? (
        <div className="notice notice--warn" role="note">
          {t("series.noHealthCare")}
        </div>
      ) : null}

      <h2>{t("series.sessionsTitle")}</h2>
      {data.sessions.length === 0 ? <p className="empty">{t("series.sessionsEmpty")}</p> : null}
      {data.sessions.map((s) => (
        <section key={s.id} id={`tillfalle-${s.id}`} className="card" aria-labelledby={`session-title-${s.id}`}>
          <h3 id={`session-title-${s.id}`}>
            {s.position}. {s.title}
          </h3>
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
                <dd>{s.expert}</dd>
              </>
            ) : null}
            {s.attended > 0 ? (
              <>
                <dt>{t("series.attended")}</dt>
                <dd>{formatNumber(s.attended)}</dd>
              </>
            ) : null}
          </dl>
          {data.canEditSessions ? <PracticalitiesForm session={s} /> : null}
        </section>
      ))}

      <h2>{t("series.sectorTitle")}</h2>
      <SectorTable caption={t("series.sectorCaption")} figures={data.enrolled} />

      {data.participants ? (
        <>
          <h2>{t("series.participantsTitle")}</h2>
          {data.participants.length === 0 ? (
            <p className="empty">{t("series.participantsEmpty")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("series.participantName")}</th>
                    <th scope="col">{t("series.workplace")}</th>
                    <th scope="col">{t("series.sector")}</th>
                    <th scope="col">{t("series.roleCategory")}</th>
                    <th scope="col">{t("series.jobTitle")}</th>
                    <th scope="col">{t("series.level")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.participants.map((p) => (
                    <tr key={p.id}>
                      <td>{p.name}</td>
                      <td>{p.workplace}</td>
                      <td>{t(`sector.${p.sector}`)}</td>
                      <td>{t(`roleCategory.${p.roleCategory}`)}</td>
                      <td>{p.jobTitle}</td>
                      <td>{p.level ? t(`level.${p.level}`) : t("series.none")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </>
  );
}
