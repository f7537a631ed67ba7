import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import QRCode from "qrcode";
import { z } from "zod";
import { Field, FormError, SelectField } from "~/components/field";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { accessibleSvg } from "~/lib/checkin-helpers";
import { formatDate, formatDateTime, formatNumber, formatTime } from "~/lib/format";
import { can, requireSeriesPermission } from "~/lib/permissions.server";
import { clockTime, isoDate } from "~/lib/schemas";
import { sendSurveyLinks } from "~/lib/survey-links.server";
import { stockholmToUtc } from "~/lib/time";
import { publicUrl } from "~/lib/urls.server";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { getSeries, listSeriesSessions } from "~/models/series.server";
import { linksSentBySurvey, surveyLinkRecipients } from "~/models/survey-distribution.server";
import {
  addSeriesSurvey,
  ensureSeriesSurveys,
  getSeriesSurvey,
  listSeriesSurveys,
  listTemplates,
  responseCounts,
  setSurveyTimes,
  stateOf,
} from "~/models/survey.server";
import { auditedAction } from "~/lib/audit.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Enkäter: ${data.series.name} – Processtöd` : "Processtöd" }];

/**
 * A series' surveys for staff: when each is open, how many have answered,
 * the anonymous room link with its QR code, and personal links by e-mail.
 * Process leaders change the times and add further templates.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "read", "survey");
  const t = await getTranslator(request);
  const series = getSeries({ seriesId, scope });
  if (!series) throw json({ message: "not-found" }, { status: 404 });
  // The pre- and post-survey exist from the first visit on, like a session's check-in code.
  ensureSeriesSurveys(seriesId);
  const canSendLinks = can(user, "update", "participants");
  const canUpdate = can(user, "update", "survey");
  const canEnter = can(user, "create", "survey-entry");
  const counts = responseCounts(seriesId);
  const sentLinks = linksSentBySurvey({ seriesId, scope });
  const now = new Date();
  const list = listSeriesSurveys({ seriesId, scope });
  const surveys = await Promise.all(
    list.map(async (survey) => {
      const url = publicUrl(request, `/enkat/${survey.publicCode}`);
      const state = stateOf(survey, now);
      return {
        id: survey.id,
        name: survey.templateName,
        phase: survey.phase,
        session: survey.session ? { position: survey.session.position, title: survey.session.title, startsAt: survey.session.startsAt } : null,
        state,
        opensAt: survey.window?.opensAt ?? null,
        closesAt: survey.window?.closesAt ?? null,
        followsSession: survey.window?.followsSession ?? true,
        responses: counts.get(survey.id) ?? 0,
        code: survey.publicCode,
        url,
        qrSvg: accessibleSvg(await QRCode.toString(url, { type: "svg", margin: 2, errorCorrectionLevel: "M" }), {
          id: `survey-qr-title-${survey.id}`,
          title: t("surveyAnswer.staff.qrTitle", { url }),
        }),
        linksSent: sentLinks.get(survey.id) ?? 0,
        // Links go out while a survey is open or still to come.
        recipients: canSendLinks && survey.window && state !== "closed" ? surveyLinkRecipients({ seriesId, surveyId: survey.id, scope }).length : null,
      };
    }),
  );
  const used = new Set(list.map((s) => s.templateId));
  const entry = new URL(publicUrl(request, "/enkat"));
  const search = new URL(request.url).searchParams;
  return json(
    {
      series: { id: series.id, name: series.name },
      surveys,
      canUpdate,
      canEnter,
      canSendLinks,
      templates: canUpdate ? listTemplates().filter((tpl) => !used.has(tpl.id)).map((tpl) => ({ id: tpl.id, name: tpl.name })) : [],
      sessions: listSeriesSessions({ seriesId }).map((s) => ({ id: s.id, position: s.position, title: s.title, startsAt: s.startsAt })),
      entryAddress: `${entry.host}${entry.pathname}`,
      notice: search.get("klart"),
      noticeSurvey: Number(search.get("enkat")) || null,
      sent: Number(search.get("antal")) || 0,
      failed: Number(search.get("fel")) || 0,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

const surveyId = z.coerce.number({ invalid_type_error: "form.invalidRequest" }).int().positive("form.invalidRequest");

/** Both times of a survey, Stockholm wall clock; closing must come after opening. */
const TimesSchema = z
  .object({ surveyId, opensDate: isoDate, opensTime: clockTime, closesDate: isoDate, closesTime: clockTime })
  // Zod runs this even when a field failed its format; only two real instants are compared.
  .refine((v) => {
    const [opens, closes] = [stockholmToUtc(v.opensDate, v.opensTime).getTime(), stockholmToUtc(v.closesDate, v.closesTime).getTime()];
    return Number.isNaN(opens) || Number.isNaN(closes) || closes > opens;
  }, {
    path: ["closesTime"],
    message: "surveyAnswer.staff.closeBeforeOpen",
  });

const blankable = z.string().trim().optional().transform((v) => v ?? "");

/** Another template: at a session (following it), at explicit times, or both (the times win). */
const AddSchema = z
  .object({
    templateId: z.coerce.number({ invalid_type_error: "surveyAnswer.staff.templateRequired" }).int().positive("surveyAnswer.staff.templateRequired"),
    sessionId: blankable,
    opensDate: blankable,
    opensTime: blankable,
    closesDate: blankable,
    closesTime: blankable,
  })
  .superRefine((v, ctx) => {
    const times = [v.opensDate, v.opensTime, v.closesDate, v.closesTime];
    const given = times.filter(Boolean).length;
    if (given === 0) {
      if (!v.sessionId) ctx.addIssue({ code: "custom", path: ["sessionId"], message: "surveyAnswer.staff.sessionOrTimes" });
      return;
    }
    const checks: [keyof typeof v, boolean, string][] = [
      ["opensDate", isoDate.safeParse(v.opensDate).success, "form.dateInvalid"],
      ["opensTime", clockTime.safeParse(v.opensTime).success, "form.timeInvalid"],
      ["closesDate", isoDate.safeParse(v.closesDate).success, "form.dateInvalid"],
      ["closesTime", clockTime.safeParse(v.closesTime).success, "form.timeInvalid"],
    ];
    for (const [path, ok, message] of checks) if (!ok) ctx.addIssue({ code: "custom", path: [path], message });
    if (checks.every(([, ok]) => ok) && stockholmToUtc(v.closesDate, v.closesTime) <= stockholmToUtc(v.opensDate, v.opensTime)) {
      ctx.addIssue({ code: "custom", path: ["closesTime"], message: "surveyAnswer.staff.closeBeforeOpen" });
    }
  });

const FIELDS = ["surveyId", "templateId", "sessionId", "opensDate", "opensTime", "closesDate", "closesTime"] as const;
type ActionData = { intent: string; surveyId: number | null; errors: FieldErrors; values: Record<string, string> };

function formValues(formData: FormData): Record<string, string> {
  return Object.fromEntries(FIELDS.map((name) => [name, String(formData.get(name) ?? "").slice(0, 40)]));
}

async function handleAction({ request, params }: ActionFunctionArgs) {
  // Everyone who posts here must at least see the series' surveys; each intent then checks its own right.
  await requireSeriesPermission(request, params.seriesId, "read", "survey");
  const t = await getTranslator(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const values = formValues(formData);
  const bad = (errors: FieldErrors, id: number | null = null) => json<ActionData>({ intent, surveyId: id, errors, values }, { status: 400 });

  if (intent === "send-links") {
    const { user, scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "update", "participants");
    const id = Number(values.surveyId) || 0;
    const survey = getSeriesSurvey({ seriesId, surveyId: id, scope });
    if (!survey) return bad({ form: t("surveyAnswer.staff.surveyMissing") });
    if (!survey.window || stateOf(survey) === "closed") return bad({ form: t("surveyAnswer.staff.linksClosed") }, id);
    const { sent, failed } = await sendSurveyLinks({ request, survey, scope, sender: user.name });
    return redirect(`/serier/${seriesId}/enkater?klart=lankar&enkat=${id}&antal=${sent}&fel=${failed}#enkat-${id}`);
  }

  const { scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "update", "survey");

  if (intent === "times" || intent === "reset-times") {
    const id = Number(values.surveyId) || 0;
    const survey = getSeriesSurvey({ seriesId, surveyId: id, scope });
    if (!survey) return bad({ form: t("surveyAnswer.staff.surveyMissing") });
    if (intent === "reset-times") {
      if (!survey.session) return bad({ form: t("surveyAnswer.staff.noSession") }, id);
      setSurveyTimes({ surveyId: id, opensAt: null, closesAt: null });
      return redirect(`/serier/${seriesId}/enkater?klart=foljer&enkat=${id}#enkat-${id}`);
    }
    const parsed = parseFormData(TimesSchema, formData, t);
    if (!parsed.ok) return bad(parsed.errors, id);
    const v = parsed.data;
    setSurveyTimes({ surveyId: id, opensAt: stockholmToUtc(v.opensDate, v.opensTime), closesAt: stockholmToUtc(v.closesDate, v.closesTime) });
    return redirect(`/serier/${seriesId}/enkater?klart=tider&enkat=${id}#enkat-${id}`);
  }

  if (intent === "add") {
    const parsed = parseFormData(AddSchema, formData, t);
    if (!parsed.ok) return bad(parsed.errors);
    const v = parsed.data;
    const template = listTemplates().find((tpl) => tpl.id === v.templateId);
    if (!template) return bad({ templateId: t("surveyAnswer.staff.templateRequired") });
    const sessionId = v.sessionId ? Number(v.sessionId) : null;
    if (sessionId !== null && !listSeriesSessions({ seriesId }).some((s) => s.id === sessionId)) {
      return bad({ sessionId: t("surveyAnswer.staff.sessionInvalid") });
    }
    const timed = Boolean(v.opensDate);
    const id = addSeriesSurvey({
      seriesId,
      templateId: template.id,
      sessionId,
      opensAt: timed ? stockholmToUtc(v.opensDate, v.opensTime) : null,
      closesAt: timed ? stockholmToUtc(v.closesDate, v.closesTime) : null,
    });
    if (id === null) return bad({ templateId: t("surveyAnswer.staff.templateTaken") });
    return redirect(`/serier/${seriesId}/enkater?klart=tillagd&enkat=${id}#enkat-${id}`);
  }

  return bad({ form: t("form.invalidRequest") });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type SurveyRow = LoaderData["surveys"][number];

function Notice() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const survey = data.surveys.find((s) => s.id === data.noticeSurvey);
  if (!data.notice || !survey) return null;
  if (data.notice === "lankar") {
    return (
      <div className={`notice ${data.failed > 0 ? "notice--warn" : "notice--ok"}`} role="status">
        <p>{t("surveyAnswer.staff.linksSent", { count: data.sent, survey: survey.name })}</p>
        {data.failed > 0 ? <p>{t("surveyAnswer.staff.linksFailed", { count: data.failed })}</p> : null}
      </div>
    );
  }
  const key =
    data.notice === "tider" ? "surveyAnswer.staff.timesSaved" : data.notice === "foljer" ? "surveyAnswer.staff.timesReset" : data.notice === "tillagd" ? "surveyAnswer.staff.added" : null;
  if (!key) return null;
  return (
    <div className="notice notice--ok" role="status">
      {t(key, { survey: survey.name })}
    </div>
  );
}

function TimesForm({ survey }: { survey: SurveyRow }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const mine = actionData && actionData.intent === "times" && actionData.surveyId === survey.id ? actionData : null;
  const errors = mine?.errors ?? {};
  const v = mine?.values;
  const opens = survey.opensAt ? new Date(survey.opensAt) : null;
  const closes = survey.closesAt ? new Date(survey.closesAt) : null;
  const prefix = `times-${survey.id}`;
  return (
    <details className="survey-times" open={mine ? true : undefined}>
      <summary>{t("surveyAnswer.staff.changeTimes")}</summary>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="surveyId" value={survey.id} />
        <div className="field-row">
          <Field id={`${prefix}-opens-date`} label={t("surveyAnswer.staff.opensDate")} name="opensDate" type="date" defaultValue={v?.opensDate ?? (opens ? formatDate(opens) : "")} error={errors.opensDate} />
          <Field id={`${prefix}-opens-time`} label={t("surveyAnswer.staff.opensTime")} name="opensTime" type="time" defaultValue={v?.opensTime ?? (opens ? formatTime(opens) : "")} error={errors.opensTime} />
        </div>
        <div className="field-row">
          <Field id={`${prefix}-closes-date`} label={t("surveyAnswer.staff.closesDate")} name="closesDate" type="date" defaultValue={v?.closesDate ?? (closes ? formatDate(closes) : "")} error={errors.closesDate} />
          <Field id={`${prefix}-closes-time`} label={t("surveyAnswer.staff.closesTime")} name="closesTime" type="time" defaultValue={v?.closesTime ?? (closes ? formatTime(closes) : "")} error={errors.closesTime} />
        </div>
        <div className="button-row">
          <button type="submit" name="intent" value="times" className="button">
            {t("surveyAnswer.staff.saveTimes")}
          </button>
          {survey.session && !survey.followsSession ? (
            <button type="submit" name="intent" value="reset-times" className="button button--secondary">
              {t("surveyAnswer.staff.resetTimes")}
            </button>
          ) : null}
        </div>
      </Form>
    </details>
  );
}

function LinksForm({ survey }: { survey: SurveyRow }) {
  const t = useT();
  const navigation = useNavigation();
  const sending = navigation.state === "submitting" && navigation.formData?.get("intent") === "send-links" && navigation.formData?.get("surveyId") === String(survey.id);
  return (
    <div className="survey-links">
      <h3>{t("surveyAnswer.staff.linksHeading")}</h3>
      <p>{t("surveyAnswer.staff.linksHelp")}</p>
      {survey.linksSent > 0 ? <p>{t("surveyAnswer.staff.linksSentBefore", { count: survey.linksSent })}</p> : null}
      {survey.recipients === null ? (
        <p className="empty">{t(survey.state === "closed" ? "surveyAnswer.staff.linksClosed" : "surveyAnswer.staff.linksNoTimes")}</p>
      ) : survey.recipients === 0 ? (
        <p className="empty">{t("surveyAnswer.staff.linksNone")}</p>
      ) : (
        <Form method="post">
          <input type="hidden" name="surveyId" value={survey.id} />
          <p>
            <strong>{t("surveyAnswer.staff.linksRecipients", { count: survey.recipients })}</strong>
          </p>
          <button type="submit" name="intent" value="send-links" className="button" disabled={sending}>
            {t("surveyAnswer.staff.sendLinks")}
          </button>
        </Form>
      )}
    </div>
  );
}

function SurveyCard({ survey, seriesId }: { survey: SurveyRow; seriesId: number }) {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formError = actionData && actionData.surveyId === survey.id ? actionData.errors.form : undefined;
  const headingId = `enkat-${survey.id}-title`;
  return (
    <section id={`enkat-${survey.id}`} className="card survey-card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {survey.name} <span className={`badge badge--survey-${survey.state}`}>{t(`survey.state.${survey.state}`)}</span>
      </h2>
      <FormError message={formError} />
      <div className="survey-card__body">
        <dl className="meta-list">
          <dt>{t("surveyAnswer.staff.phase")}</dt>
          <dd>{t(`survey.phase.${survey.phase}`)}</dd>
          <dt>{t("surveyAnswer.staff.session")}</dt>
          <dd>
            {survey.session
              ? t("surveyAnswer.public.session", { position: survey.session.position, title: survey.session.title, date: formatDate(new Date(survey.session.startsAt)) })
              : t("surveyAnswer.staff.noSessionShort")}
          </dd>
          <dt>{t("surveyAnswer.staff.opens")}</dt>
          <dd>{survey.opensAt ? formatDateTime(new Date(survey.opensAt)) : t("surveyAnswer.staff.noTimes")}</dd>
          <dt>{t("surveyAnswer.staff.closes")}</dt>
          <dd>{survey.closesAt ? formatDateTime(new Date(survey.closesAt)) : t("surveyAnswer.staff.noTimes")}</dd>
          <dt>{t("surveyAnswer.staff.timing")}</dt>
          <dd>{t(survey.followsSession ? "surveyAnswer.staff.followsSession" : "surveyAnswer.staff.ownTimes")}</dd>
          <dt>{t("surveyAnswer.staff.responses")}</dt>
          <dd data-testid={`responses-${survey.id}`}>{formatNumber(survey.responses)}</dd>
          <dt>{t("surveyAnswer.staff.code")}</dt>
          <dd>
            <code className="survey-card__code">{survey.code}</code>
          </dd>
          <dt>{t("surveyAnswer.staff.link")}</dt>
          <dd>
            <code className="feed-url">{survey.url}</code>
          </dd>
        </dl>
        <figure className="survey-card__qr">
          {/* The SVG is generated on the server from our own URL (qrcode package) and carries its own <title>. */}
          <div className="checkin-qr" dangerouslySetInnerHTML={{ __html: survey.qrSvg }} />
          <figcaption>{t("surveyAnswer.staff.qrCaption")}</figcaption>
        </figure>
      </div>
      <p className="link-row">
        <Link to={`/serier/${seriesId}/enkater/${survey.id}/visa`}>{t("surveyAnswer.staff.show", { survey: survey.name })}</Link>
        {data.canEnter ? (
          <>
            <Link to={`/serier/${seriesId}/enkater/${survey.id}/pappersenkater`}>{t("surveyAnswer.staff.paperEntry", { survey: survey.name })}</Link>
            <Link to={`/serier/${seriesId}/enkater/${survey.id}/import`}>{t("surveyAnswer.staff.import", { survey: survey.name })}</Link>
          </>
        ) : null}
        <Link to={`/serier/${seriesId}/enkater/analys`}>{t("surveyAnswer.staff.analysis")}</Link>
      </p>
      {data.canUpdate ? <TimesForm survey={survey} /> : null}
      {data.canSendLinks ? <LinksForm survey={survey} /> : null}
    </section>
  );
}

function AddForm() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const mine = actionData?.intent === "add" ? actionData : null;
  const errors = mine?.errors ?? {};
  const v = mine?.values;
  if (data.templates.length === 0) return null;
  return (
    <section className="card" aria-labelledby="add-survey-title">
      <h2 id="add-survey-title">{t("surveyAnswer.staff.addTitle")}</h2>
      <p>{t("surveyAnswer.staff.addHelp")}</p>
      <FormError message={errors.form} />
      <Form method="post" className="stack" noValidate>
        <SelectField
          label={t("surveyAnswer.staff.template")}
          name="templateId"
          id="add-template"
          options={[{ value: "", label: t("surveyAnswer.staff.chooseTemplate") }, ...data.templates.map((tpl) => ({ value: tpl.id, label: tpl.name }))]}
          defaultValue={v?.templateId ?? ""}
          error={errors.templateId}
        />
        <SelectField
          label={t("surveyAnswer.staff.session")}
          name="sessionId"
          id="add-session"
          help={t("surveyAnswer.staff.sessionHelp")}
          options={[
            { value: "", label: t("surveyAnswer.staff.noSessionOption") },
            ...data.sessions.map((s) => ({ value: s.id, label: `${s.position}. ${s.title} (${formatDate(new Date(s.startsAt))})` })),
          ]}
          defaultValue={v?.sessionId ?? ""}
          error={errors.sessionId}
        />
        <fieldset className="survey-add-times">
          <legend>{t("surveyAnswer.staff.addTimesLegend")}</legend>
          <div className="field-row">
            <Field id="add-opens-date" label={t("surveyAnswer.staff.opensDate")} name="opensDate" type="date" defaultValue={v?.opensDate ?? ""} error={errors.opensDate} />
            <Field id="add-opens-time" label={t("surveyAnswer.staff.opensTime")} name="opensTime" type="time" defaultValue={v?.opensTime ?? ""} error={errors.opensTime} />
          </div>
          <div className="field-row">
            <Field id="add-closes-date" label={t("surveyAnswer.staff.closesDate")} name="closesDate" type="date" defaultValue={v?.closesDate ?? ""} error={errors.closesDate} />
            <Field id="add-closes-time" label={t("surveyAnswer.staff.closesTime")} name="closesTime" type="time" defaultValue={v?.closesTime ?? ""} error={errors.closesTime} />
          </div>
        </fieldset>
        <div>
          <button type="submit" name="intent" value="add" className="button">
            {t("surveyAnswer.staff.add")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export default function SeriesSurveys() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const looseError = actionData && actionData.surveyId === null && actionData.intent !== "add" ? actionData.errors.form : undefined;
  return (
    <>
      <p>
        <Link to={`/serier/${data.series.id}`}>← {data.series.name}</Link>
      </p>
      <h1>{t("surveyAnswer.staff.title", { series: data.series.name })}</h1>
      <p className="lead">{t("surveyAnswer.staff.intro", { address: data.entryAddress })}</p>
      <Notice />
      <FormError message={looseError} />
      {data.surveys.map((survey) => (
        <SurveyCard key={survey.id} survey={survey} seriesId={data.series.id} />
      ))}
      {data.canUpdate ? <AddForm /> : null}
    </>
  );
}

/** Recorded in the audit log once the change succeeded (decision 016). */
export async function action(args: ActionFunctionArgs) {
  return auditedAction(args, handleAction, ({ params }, intent) => ({ action: "survey.update", entityKind: "series", entityId: Number(params.seriesId), seriesId: Number(params.seriesId), details: { intent } }));
}
