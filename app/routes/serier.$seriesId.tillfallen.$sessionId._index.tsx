import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Field, SelectField, TextAreaField } from "~/components/field";
import { PrepCompletion } from "~/components/prep-completion";
import { ScheduleWarnings } from "~/components/schedule-warnings";
import { SubstituteRequests } from "~/components/substitute-requests";
import { useT, type Translate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { formatDate, formatNumber, formatTime, isoWeek } from "~/lib/format";
import { can, requireSeriesPermission, scopeFor } from "~/lib/permissions.server";
import { seriesWarnings, type Warning } from "~/lib/schedule-warnings.server";
import {
  END_BEFORE_START,
  endsAfterStart,
  eventFields,
  optionalDecimal,
  optionalHttpUrl,
  optionalInt,
  optionalText,
  requiredText,
} from "~/lib/schemas";
import { stockholmToUtc } from "~/lib/time";
import { deletePdf, isPdf, MAX_UPLOAD_BYTES, readMultipart, savePdf } from "~/lib/uploads.server";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { addMaterial, addQuestion, deleteMaterial, deleteQuestion, listPrep } from "~/models/prep.server";
import { prepStats } from "~/models/prep-stats.server";
import { getSeries } from "~/models/series.server";
import { getSession, updateSessionSchedule } from "~/models/series-planning.server";
import { listSessionSubstitutions } from "~/models/substitution.server";
import { SESSION_FORMATS } from "../../db/schema";
import { audit, staffAudit } from "~/models/audit-log.server";
import { type AppLoadContext } from "@remix-run/node";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.session.position}. ${data.session.title} – Processtöd` : "Processtöd" },
];

async function requireSession(request: Request, params: LoaderFunctionArgs["params"], action: "read" | "update", entity: "series" | "prep") {
  const access = await requireSeriesPermission(request, params.seriesId, action, entity);
  const session = getSession({ seriesId: access.seriesId, sessionId: Number(params.sessionId) || 0 });
  if (!session) throw json({ message: "not-found" }, { status: 404 });
  return { ...access, session };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope, seriesId, session } = await requireSession(request, params, "read", "series");
  const series = getSeries({ seriesId, scope })!;
  // Preparation figures for coordinators and process leaders, who see the participants anyway; not for sponsors (decision 011).
  const prepScope = scopeFor(user, "read", "attendance");
  const canSeeAttendance = can(user, "read", "attendance");
  const url = new URL(request.url);
  return {
    series: { id: series.id, name: series.name },
    session,
    warnings: seriesWarnings({ seriesId }).get(session.id) ?? [],
    prep: listPrep({ sessionIds: [session.id] }),
    canEdit: can(user, "update", "series"),
    canEditPrep: can(user, "update", "prep"),
    canSeeAttendance,
    prepCompletion: prepScope ? (prepStats({ seriesId, scope: prepScope, sessionId: session.id })[0] ?? null) : null,
    // Named substitutes are people: only for those who may see the roster (never sponsors).
    substitutions: canSeeAttendance ? listSessionSubstitutions({ seriesId, sessionId: session.id, scope }) : null,
    canHandleSubstitutes: can(user, "update", "attendance"),
    substituteNotice: { kind: url.searchParams.get("forslag"), id: Number(url.searchParams.get("id")) || 0 },
  };
}

const SessionSchema = z
  .object({
    ...eventFields,
    capacity: optionalInt(1, 10000),
    prepHours: optionalDecimal(0, 100),
    overrideReason: optionalText(1000),
  })
  .refine(endsAfterStart, END_BEFORE_START);

const DocumentSchema = z.object({
  title: requiredText(300),
  author: optionalText(200),
  year: optionalInt(1900, 2100),
  url: optionalHttpUrl("series.linkInvalid"),
});
const LectureSchema = z.object({
  title: requiredText(300),
  url: optionalHttpUrl("series.linkInvalid").refine((v) => v !== null, "series.linkInvalid"),
  durationMinutes: optionalInt(1, 600).refine((v) => v !== null, "form.numberRange:1-600"),
});
const QuestionSchema = z.object({ text: requiredText(1000) });

type Form = "session" | "document" | "lecture" | "question";
type ActionData = { form: Form; errors: FieldErrors; values: Record<string, string>; warnings?: Warning[] };

function formValues(formData: FormData, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, typeof formData.get(n) === "string" ? String(formData.get(n)).slice(0, 2000) : ""]));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  // Everyone who posts here must at least see the session; each intent then checks its own right.
  // (Before, an unknown intent got 400 even when signed out: the check came only inside each intent.)
  await requireSession(request, params, "read", "series");
  const isMultipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  if (isMultipart) return addDocument(request, params, context);
  const formData = await request.formData();
  switch (formData.get("intent")) {
    case "save":
      return saveSession(request, params, formData, context);
    case "addLecture":
    case "addQuestion":
    case "deleteMaterial":
    case "deleteQuestion":
      return changePrep(request, params, formData, context);
    default:
      throw json({ message: "bad-intent" }, { status: 400 });
  }
}

async function saveSession(request: Request, params: ActionFunctionArgs["params"], formData: FormData, context: AppLoadContext) {
  const { user, seriesId, session } = await requireSession(request, params, "update", "series");
  const t = await getTranslator(request);
  const values = formValues(formData, [
    "date",
    "startTime",
    "endTime",
    "format",
    "venue",
    "meetingLink",
    "expert",
    "capacity",
    "notes",
    "prepHours",
    "overrideReason",
  ]);
  const parsed = parseFormData(SessionSchema, formData, t);
  if (!parsed.ok) return json<ActionData>({ form: "session", errors: parsed.errors, values }, { status: 400 });
  const { date, startTime, endTime, overrideReason, ...rest } = parsed.data;
  const startsAt = stockholmToUtc(date, startTime);
  const endsAt = stockholmToUtc(date, endTime);
  // Rules are checked on every save; a broken rule needs a written reason.
  const warnings = seriesWarnings({ seriesId, proposed: { sessionId: session.id, startsAt, endsAt, expert: rest.expert } }).get(session.id) ?? [];
  if (warnings.length > 0 && !overrideReason) {
    return json<ActionData>(
      { form: "session", errors: { overrideReason: t("session.overrideRequired") }, values, warnings },
      { status: 400 },
    );
  }
  updateSessionSchedule({
    seriesId,
    sessionId: session.id,
    values: { ...rest, startsAt, endsAt, overrideReason: warnings.length > 0 ? overrideReason : null },
    audit: staffAudit(user, context),
  });
  return redirect(`/serier/${seriesId}/tillfallen/${session.id}?sparat=1`);
}

async function addDocument(request: Request, params: ActionFunctionArgs["params"], context: AppLoadContext) {
  const { user, seriesId, session } = await requireSession(request, params, "update", "prep");
  const t = await getTranslator(request);
  const read = await readMultipart(request, MAX_UPLOAD_BYTES);
  if (!read.ok) {
    const message = read.reason === "tooLarge" ? t("prep.tooLarge") : t("form.invalidRequest");
    return json<ActionData>({ form: "document", errors: { file: message }, values: {} }, { status: 400 });
  }
  const formData = read.formData;
  const values = formValues(formData, ["title", "author", "year", "url"]);
  const parsed = parseFormData(DocumentSchema, stripFile(formData), t);
  const file = formData.get("file");
  const upload = file instanceof File && file.size > 0 ? file : null;
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  let bytes: Uint8Array | null = null;
  if (upload) {
    bytes = new Uint8Array(await upload.arrayBuffer());
    if (bytes.length > MAX_UPLOAD_BYTES) errors.file = t("prep.tooLarge");
    else if (!isPdf(bytes)) errors.file = t("prep.notPdf");
  }
  if (parsed.ok && !parsed.data.url && !upload) errors.url = t("prep.linkOrFile");
  if (!parsed.ok || Object.keys(errors).length > 0) {
    return json<ActionData>({ form: "document", errors, values }, { status: 400 });
  }
  const key = bytes ? savePdf(bytes) : null;
  addMaterial({
    sessionId: session.id,
    material: {
      kind: "dokument",
      title: parsed.data.title,
      author: parsed.data.author,
      year: parsed.data.year,
      url: parsed.data.url,
      file: key && upload ? { key, name: upload.name.slice(0, 200) || "material.pdf", size: bytes!.length } : null,
    },
  });
  audit(staffAudit(user, context), { action: "session.update", entityKind: "series_session", entityId: session.id, seriesId, details: { prep: "addDocument" } });
  return redirect(`/serier/${seriesId}/tillfallen/${session.id}?material=tillagt#material`);
}

/** The text fields of a multipart form, without the file, for the zod schema. */
function stripFile(formData: FormData): FormData {
  const copy = new FormData();
  for (const [key, value] of formData.entries()) if (typeof value === "string") copy.append(key, value);
  return copy;
}

async function changePrep(request: Request, params: ActionFunctionArgs["params"], formData: FormData, context: AppLoadContext) {
  const { user, seriesId, session } = await requireSession(request, params, "update", "prep");
  const t = await getTranslator(request);
  const intent = formData.get("intent");
  const back = (flag: string) => {
    audit(staffAudit(user, context), { action: "session.update", entityKind: "series_session", entityId: session.id, seriesId, details: { prep: String(intent) } });
    return redirect(`/serier/${seriesId}/tillfallen/${session.id}?material=${flag}#material`);
  };

  if (intent === "addLecture") {
    const parsed = parseFormData(LectureSchema, formData, t);
    if (!parsed.ok) {
      return json<ActionData>({ form: "lecture", errors: parsed.errors, values: formValues(formData, ["title", "url", "durationMinutes"]) }, { status: 400 });
    }
    addMaterial({
      sessionId: session.id,
      material: { kind: "forelasning", title: parsed.data.title, url: parsed.data.url!, durationMinutes: parsed.data.durationMinutes! },
    });
    return back("tillagt");
  }
  if (intent === "addQuestion") {
    const parsed = parseFormData(QuestionSchema, formData, t);
    if (!parsed.ok) return json<ActionData>({ form: "question", errors: parsed.errors, values: formValues(formData, ["text"]) }, { status: 400 });
    addQuestion({ sessionId: session.id, text: parsed.data.text });
    return back("tillagt");
  }
  const id = Number(formData.get("id")) || 0;
  if (intent === "deleteMaterial") {
    const removed = deleteMaterial({ sessionId: session.id, materialId: id });
    if (removed?.fileKey) deletePdf(removed.fileKey);
  } else {
    deleteQuestion({ sessionId: session.id, questionId: id });
  }
  return back("borttaget");
}

function formatSize(bytes: number, t: Translate) {
  const size = bytes >= 1024 * 1024 ? `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB` : `${formatNumber(Math.ceil(bytes / 1024))} kB`;
  return t("prep.download", { size });
}

function SessionForm() {
  const { session, warnings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const mine = actionData?.form === "session" ? actionData : undefined;
  const errors = mine?.errors ?? {};
  const v = mine?.values;
  const shownWarnings = mine?.warnings ?? warnings;
  return (
    <section className="card" aria-labelledby="edit-title">
      <h2 id="edit-title">{t("session.editTitle")}</h2>
      {mine?.warnings?.length ? <ScheduleWarnings warnings={mine.warnings} /> : null}
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="save" />
        <Field label={t("session.date")} name="date" type="date" defaultValue={v?.date ?? formatDate(session.startsAt)} error={errors.date} />
        <div className="field-row">
          <Field label={t("session.startTime")} name="startTime" type="time" defaultValue={v?.startTime ?? formatTime(session.startsAt)} error={errors.startTime} />
          <Field label={t("session.endTime")} name="endTime" type="time" defaultValue={v?.endTime ?? formatTime(session.endsAt)} error={errors.endTime} />
        </div>
        <SelectField
          label={t("series.format")}
          name="format"
          options={SESSION_FORMATS.map((f) => ({ value: f, label: t(`format.${f}`) }))}
          defaultValue={v?.format ?? session.format}
          error={errors.format}
        />
        <Field label={t("series.venue")} name="venue" type="text" defaultValue={v?.venue ?? session.venue ?? ""} error={errors.venue} />
        <Field label={t("series.meetingLink")} name="meetingLink" type="url" defaultValue={v?.meetingLink ?? session.meetingLink ?? ""} error={errors.meetingLink} />
        <TextAreaField label={t("session.experts")} name="expert" help={t("session.expertsHelp")} defaultValue={v?.expert ?? session.expert ?? ""} error={errors.expert} />
        <Field label={t("session.capacity")} name="capacity" type="text" inputMode="numeric" defaultValue={v?.capacity ?? (session.capacity?.toString() ?? "")} error={errors.capacity} />
        <Field
          label={t("session.prepHours")}
          name="prepHours"
          type="text"
          inputMode="decimal"
          defaultValue={v?.prepHours ?? (session.prepHours !== null ? formatNumber(session.prepHours) : "")}
          error={errors.prepHours}
        />
        <TextAreaField label={t("session.notes")} name="notes" defaultValue={v?.notes ?? session.notes ?? ""} error={errors.notes} />
        {shownWarnings.length > 0 || session.overrideReason ? (
          <TextAreaField
            label={t("session.overrideReason")}
            name="overrideReason"
            help={t("session.overrideHelp")}
            defaultValue={v?.overrideReason ?? session.overrideReason ?? ""}
            error={errors.overrideReason}
          />
        ) : null}
        <div>
          <button type="submit" className="button">
            {t("session.save")}
          </button>
        </div>
      </Form>
    </section>
  );
}

function PrepSection() {
  const { prep, canEditPrep, session } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const documents = prep.materials.filter((m) => m.kind === "dokument");
  const lectures = prep.materials.filter((m) => m.kind === "forelasning");
  const formErrors = (form: Form) => (actionData?.form === form ? actionData.errors : {});
  const formValue = (form: Form, name: string) => (actionData?.form === form ? actionData.values[name] : undefined);
  const DeleteButton = ({ intent, id, title }: { intent: string; id: number; title: string }) =>
    canEditPrep ? (
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="id" value={id} />
        <button type="submit" className="link-button" aria-label={t("prep.deleteLabel", { title })}>
          {t("prep.delete")}
        </button>
      </Form>
    ) : null;

  return (
    <section id="material" aria-labelledby="prep-title">
      <h2 id="prep-title">{t("prep.title")}</h2>
      <p>{session.prepHours ? t("prep.hoursShown", { hours: formatNumber(session.prepHours) }) : t("prep.hoursMissing")}</p>

      <h3>{t("prep.documents")}</h3>
      {documents.length === 0 ? <p className="empty">{t("prep.empty")}</p> : null}
      <ul className="plain-list">
        {documents.map((d) => (
          <li key={d.id}>
            <strong>{d.title}</strong>
            {d.author || d.year ? ` (${[d.author, d.year].filter(Boolean).join(", ")})` : ""}
            {d.url ? (
              <>
                {" "}
                <a href={d.url} rel="noopener noreferrer">
                  {d.url}
                </a>
              </>
            ) : null}
            {d.fileName ? (
              <>
                {" "}
                <a href={`/material/${d.id}`}>
                  {d.fileName} ({formatSize(d.fileSize ?? 0, t)})
                </a>
              </>
            ) : null}{" "}
            <DeleteButton intent="deleteMaterial" id={d.id} title={d.title} />
          </li>
        ))}
      </ul>

      <h3>{t("prep.lectures")}</h3>
      {lectures.length === 0 ? <p className="empty">{t("prep.empty")}</p> : null}
      <ul className="plain-list">
        {lectures.map((l) => (
          <li key={l.id}>
            <a href={l.url ?? "#"} rel="noopener noreferrer">
              {l.title}
            </a>{" "}
            ({t("prep.durationMinutes", { minutes: l.durationMinutes ?? 0 })}) <DeleteButton intent="deleteMaterial" id={l.id} title={l.title} />
          </li>
        ))}
      </ul>

      <h3>{t("prep.questions")}</h3>
      {prep.questions.length === 0 ? <p className="empty">{t("prep.questionsEmpty")}</p> : null}
      <ol>
        {prep.questions.map((q) => (
          <li key={q.id}>
            {q.text} <DeleteButton intent="deleteQuestion" id={q.id} title={q.text.slice(0, 40)} />
          </li>
        ))}
      </ol>

      {canEditPrep ? (
        <div className="grid">
          <section className="card" aria-labelledby="add-document">
            <h3 id="add-document">{t("prep.addDocument")}</h3>
            <Form method="post" encType="multipart/form-data" className="stack" noValidate>
              <Field id="doc-title" label={t("prep.docTitle")} name="title" type="text" defaultValue={formValue("document", "title")} error={formErrors("document").title} />
              <Field id="doc-author" label={t("prep.author")} name="author" type="text" defaultValue={formValue("document", "author")} error={formErrors("document").author} />
              <Field id="doc-year" label={t("prep.year")} name="year" type="text" inputMode="numeric" defaultValue={formValue("document", "year")} error={formErrors("document").year} />
              <Field id="doc-url" label={t("prep.link")} name="url" type="url" defaultValue={formValue("document", "url")} error={formErrors("document").url} />
              <Field id="doc-file" label={t("prep.file")} name="file" type="file" accept="application/pdf,.pdf" error={formErrors("document").file} />
              <div>
                <button type="submit" className="button">
                  {t("prep.add")}
                </button>
              </div>
            </Form>
          </section>
          <section className="card" aria-labelledby="add-lecture">
            <h3 id="add-lecture">{t("prep.addLecture")}</h3>
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="addLecture" />
              <Field id="lecture-title" label={t("prep.docTitle")} name="title" type="text" defaultValue={formValue("lecture", "title")} error={formErrors("lecture").title} />
              <Field id="lecture-url" label={t("prep.link")} name="url" type="url" defaultValue={formValue("lecture", "url")} error={formErrors("lecture").url} />
              <Field
                id="lecture-duration"
                label={t("prep.duration")}
                name="durationMinutes"
                type="text"
                inputMode="numeric"
                defaultValue={formValue("lecture", "durationMinutes")}
                error={formErrors("lecture").durationMinutes}
              />
              <div>
                <button type="submit" className="button">
                  {t("prep.add")}
                </button>
              </div>
            </Form>
          </section>
          <section className="card" aria-labelledby="add-question">
            <h3 id="add-question">{t("prep.addQuestion")}</h3>
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="addQuestion" />
              <TextAreaField id="question-text" label={t("prep.questionText")} name="text" defaultValue={formValue("question", "text")} error={formErrors("question").text} />
              <div>
                <button type="submit" className="button">
                  {t("prep.add")}
                </button>
              </div>
            </Form>
          </section>
        </div>
      ) : null}
    </section>
  );
}

export default function SessionPage() {
  const { series, session, warnings, canEdit, canSeeAttendance, substitutions, canHandleSubstitutes, substituteNotice } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const materialFlag = searchParams.get("material");
  return (
    <>
      <p>
        <Link to={`/serier/${series.id}`}>← {t("session.backToSeries")}</Link>
      </p>
      <h1>{t("session.title", { position: session.position, title: session.title })}</h1>
      <p className="lead">{series.name}</p>
      {searchParams.has("sparat") ? (
        <div className="notice notice--ok" role="status">
          {t("session.saved")}
        </div>
      ) : null}
      {materialFlag === "tillagt" || materialFlag === "borttaget" ? (
        <div className="notice notice--ok" role="status">
          {materialFlag === "tillagt" ? t("prep.added") : t("prep.deleted")}
        </div>
      ) : null}
      <ScheduleWarnings warnings={warnings} overrideReason={session.overrideReason} />
      <dl className="meta-list">
        <dt>{t("series.date")}</dt>
        <dd>
          {formatDate(session.startsAt)} ({t("series.weekShort", { week: isoWeek(session.startsAt) })}), {formatTime(session.startsAt)}–
          {formatTime(session.endsAt)}
        </dd>
        {session.theme ? (
          <>
            <dt>{t("session.theme")}</dt>
            <dd>{session.theme}</dd>
          </>
        ) : null}
        <dt>{t("series.format")}</dt>
        <dd>{t(`format.${session.format}`)}</dd>
        <dt>{t("series.venue")}</dt>
        <dd>{session.venue || t("series.none")}</dd>
        {session.expert ? (
          <>
            <dt>{t("series.expert")}</dt>
            <dd className="pre-line">{session.expert}</dd>
          </>
        ) : null}
      </dl>
      <p className="link-row">
        {canSeeAttendance ? (
          <>
            <Link to={`/serier/${series.id}/tillfallen/${session.id}/narvaro`}>{t("roster.openRoster")}</Link>
            <Link to={`/serier/${series.id}/tillfallen/${session.id}/incheckning`}>{t("roster.checkinScreen")}</Link>
            <Link to={`/serier/${series.id}/tillfallen/${session.id}/grupper`}>{t("groups.link.open")}</Link>
          </>
        ) : null}
        <a href={`/ics/tillfalle/${session.id}`} download>
          {t("series.icsSession")}
        </a>
      </p>
      {substitutions ? (
        <SubstituteRequests
          substitutions={substitutions}
          basePath={`/serier/${series.id}/tillfallen/${session.id}`}
          from="tillfalle"
          canUpdate={canHandleSubstitutes}
          notice={substituteNotice}
        />
      ) : null}
      {canEdit ? <SessionForm /> : <p className="help">{t("session.readOnlyNote")}</p>}
      <PrepCompletion stats={useLoaderData<typeof loader>().prepCompletion} />
      <PrepSection />
    </>
  );
}
