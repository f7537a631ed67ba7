/**
 * The participant's preparation for one session (issue #8, item 4): the
 * expected preparation time, "2 av 3 klara", the material to read or watch
 * with a done toggle, and a reflection per question – private unless shared
 * with colleagues from the same municipality in the same series.
 *
 * Forms post and redirect without JavaScript. With JavaScript each material and
 * each question has its own fetcher, which sends `js=1` and gets data back
 * instead of a redirect, so the page neither reloads nor jumps.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { PortalShell } from "~/components/portal-shell";
import { useLocale, useT, type Translate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { formatDate, formatDateTime, formatNumber, formatTimeRange } from "~/lib/format";
import { requireParticipant } from "~/lib/participant-auth.server";
import { MAX_REFLECTION_CHARS, normalizeReflection, reflectionLength } from "~/lib/reflection";
import { portalSession } from "~/models/portal.server";
import { listPrep } from "~/models/prep.server";
import {
  isSessionQuestion,
  markMaterial,
  myPrepProgress,
  saveReflection,
  sharedReflections,
  unmarkMaterial,
} from "~/models/prep-progress.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Förberedelser: ${data.session.title} – Mina sidor – Processtöd` : "Förberedelser – Mina sidor – Processtöd" },
];

function notFound(): never {
  throw new Response("Finns inte", { status: 404 });
}

async function requirePortalSession(request: Request, params: LoaderFunctionArgs["params"]) {
  const participant = await requireParticipant(request);
  const session = portalSession({ personId: participant.id, sessionId: Number(params.sessionId) || 0 });
  if (!session) notFound();
  return { participant, session };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { participant, session } = await requirePortalSession(request, params);
  const prep = listPrep({ sessionIds: [session.id] });
  const mine = myPrepProgress({ personId: participant.id, sessionId: session.id });
  const shared = sharedReflections({ personId: participant.id, sessionId: session.id });
  const doneAt = new Map(mine.materials.map((m) => [m.materialId, m.doneAt]));
  const myReflections = new Map(mine.reflections.map((r) => [r.questionId, r]));
  return {
    name: participant.name,
    session: {
      id: session.id,
      title: session.title,
      seriesName: session.seriesName,
      cancelled: session.seriesStatus === "avbruten",
      startsAt: session.startsAt.getTime(),
      endsAt: session.endsAt.getTime(),
      prepHours: session.prepHours,
    },
    progress: { done: mine.done, total: mine.total },
    materials: prep.materials.map((m) => ({
      id: m.id,
      kind: m.kind,
      title: m.title,
      author: m.author,
      year: m.year,
      url: m.url,
      fileSize: m.fileName ? m.fileSize : null,
      durationMinutes: m.durationMinutes,
      doneAt: doneAt.get(m.id) ?? null,
    })),
    questions: prep.questions.map((q) => {
      const own = myReflections.get(q.id);
      return {
        id: q.id,
        text: q.text,
        mine: own ? { text: own.text, shared: own.shared, updatedAt: own.updatedAt } : null,
        shared: shared.filter((s) => s.questionId === q.id).map((s) => ({ authorId: s.authorId, authorName: s.authorName, text: s.text, updatedAt: s.updatedAt })),
      };
    }),
  };
}

export type ReflectionResult =
  | { ok: true; questionId: number }
  | { ok: false; questionId: number; error: string; text: string; shared: boolean };

export async function action({ request, params }: ActionFunctionArgs) {
  const { participant, session } = await requirePortalSession(request, params);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const viaFetcher = formData.get("js") === "1";
  const page = `/mina-sidor/tillfallen/${session.id}/forberedelser`;

  if (intent === "mark" || intent === "unmark") {
    const materialId = Number(formData.get("materialId")) || 0;
    const change = intent === "mark" ? markMaterial : unmarkMaterial;
    if (!change({ personId: participant.id, sessionId: session.id, materialId })) notFound();
    return viaFetcher ? { ok: true as const } : redirect(`${page}#material-${materialId}`);
  }

  if (intent === "reflect") {
    const questionId = Number(formData.get("questionId")) || 0;
    // A question of another session is a forged post: 404 before anything else.
    if (!isSessionQuestion({ sessionId: session.id, questionId })) notFound();
    const raw = formData.get("text");
    const text = normalizeReflection(typeof raw === "string" ? raw : "");
    const shared = formData.get("shared") === "1";
    const length = reflectionLength(text);
    if (length > MAX_REFLECTION_CHARS) {
      const t = await getTranslator(request);
      return data<ReflectionResult>(
        {
          ok: false,
          questionId,
          error: t("portalPrep.reflections.tooLong", { max: formatNumber(MAX_REFLECTION_CHARS), length: formatNumber(length) }),
          text,
          shared,
        },
        { status: 400 },
      );
    }
    saveReflection({ personId: participant.id, sessionId: session.id, questionId, text, shared });
    return viaFetcher ? data<ReflectionResult>({ ok: true, questionId }) : redirect(`${page}#fraga-${questionId}`);
  }

  throw new Response("Okänd åtgärd", { status: 400 });
}

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

function prepTime(hours: number, t: Translate, locale: "sv" | "en") {
  return hours === 1 ? t("portalPrep.prepTimeOne") : t("portalPrep.prepTime", { hours: formatNumber(hours, locale) });
}

function fileSize(bytes: number, locale: "sv" | "en") {
  return bytes >= 1024 * 1024
    ? `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10, locale)} MB`
    : `${formatNumber(Math.ceil(bytes / 1024), locale)} kB`;
}

export default function PrepPage() {
  const { name, session, progress, materials, questions } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <PortalShell name={name} title={t("portalPrep.title")}>
      <p className="prep-back">
        <Link to={`/mina-sidor/tillfallen/${session.id}`}>{t("portalPrep.back")}</Link>
      </p>
      <p className="prep-session">
        <strong>{session.title}</strong>
        <br />
        {session.seriesName} · <time dateTime={new Date(session.startsAt).toISOString()}>{formatTimeRange(session.startsAt, session.endsAt)}</time>
      </p>
      {session.cancelled ? (
        <p>
          <span className="badge badge--avbruten">{t("portalPrep.cancelled")}</span>
        </p>
      ) : null}
      {session.prepHours ? <p className="prep-time">{prepTime(session.prepHours, t, locale)}</p> : null}

      {progress.total === 0 ? (
        <p className="empty">{t("portalPrep.empty")}</p>
      ) : (
        <>
          <section className="prep-progress" aria-labelledby="prep-progress-label">
            <h2 id="prep-progress-label" className="prep-progress__label">
              {t("portalPrep.progressLabel")}
            </h2>
            <p className="prep-progress__count" id="prep-progress-count" aria-live="polite">
              {t("portalPrep.progress", { done: progress.done, total: progress.total })}
            </p>
            <progress
              className="prep-progress__bar"
              value={progress.done}
              max={progress.total}
              aria-labelledby="prep-progress-label"
              aria-describedby="prep-progress-count prep-progress-help"
            />
            <p className="help" id="prep-progress-help">
              {t("portalPrep.progressHelp")}
            </p>
          </section>

          <section aria-labelledby="prep-material-heading">
            <h2 id="prep-material-heading">{t("portalPrep.material.heading")}</h2>
            {materials.length === 0 ? (
              <p className="empty">{t("portalPrep.material.none")}</p>
            ) : (
              <ul className="prep-items">
                {materials.map((m) => (
                  <MaterialItem key={m.id} material={m} />
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="prep-questions-heading">
            <h2 id="prep-questions-heading">{t("portalPrep.reflections.heading")}</h2>
            {questions.length === 0 ? (
              <p className="empty">{t("portalPrep.reflections.none")}</p>
            ) : (
              <>
                <p className="prep-privacy">{t("portalPrep.reflections.privacy")}</p>
                {questions.map((q, i) => (
                  <QuestionItem key={q.id} question={q} number={i + 1} />
                ))}
              </>
            )}
          </section>
        </>
      )}
    </PortalShell>
  );
}

type Material = ReturnType<typeof useLoaderData<typeof loader>>["materials"][number];
type Question = ReturnType<typeof useLoaderData<typeof loader>>["questions"][number];

function MaterialItem({ material: m }: { material: Material }) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<typeof action>();
  const hydrated = useHydrated();
  const lecture = m.kind === "forelasning";
  // While the toggle is on its way, show where it is going.
  const pending = fetcher.formData?.get("intent");
  const done = pending ? pending === "mark" : m.doneAt !== null;
  const titleId = `material-${m.id}-title`;
  const meta = lecture
    ? [t("portalPrep.material.lecture"), m.durationMinutes ? t("portalPrep.material.minutes", { minutes: m.durationMinutes }) : null]
    : [t("portalPrep.material.document"), m.author, m.year ? String(m.year) : null];
  return (
    <li className={`prep-item${done ? " prep-item--done" : ""}`} id={`material-${m.id}`}>
      <h3 className="prep-item__title" id={titleId}>
        {m.title}
      </h3>
      <p className="prep-item__meta">{meta.filter(Boolean).join(" · ")}</p>
      <ul className="prep-item__links">
        {m.url ? (
          <li>
            <a href={m.url} target="_blank" rel="noopener noreferrer" aria-describedby={titleId}>
              {lecture ? t("portalPrep.material.openLecture") : t("portalPrep.material.openLink")}
            </a>
          </li>
        ) : null}
        {m.fileSize !== null ? (
          <li>
            <a href={`/material/${m.id}`} aria-describedby={titleId}>
              {t("portalPrep.material.pdf", { size: fileSize(m.fileSize, locale) })}
            </a>
          </li>
        ) : null}
      </ul>
      <fetcher.Form method="post" className="prep-item__toggle" preventScrollReset>
        {hydrated ? <input type="hidden" name="js" value="1" /> : null}
        <input type="hidden" name="materialId" value={m.id} />
        {done ? (
          <p className="prep-item__status">{lecture ? t("portalPrep.material.watched") : t("portalPrep.material.read")}</p>
        ) : null}
        <button
          type="submit"
          name="intent"
          value={done ? "unmark" : "mark"}
          className={`button portal-button${done ? " button--secondary" : ""}`}
          aria-label={
            done
              ? t("portalPrep.material.undoLabel", { title: m.title })
              : lecture
                ? t("portalPrep.material.markWatchedLabel", { title: m.title })
                : t("portalPrep.material.markReadLabel", { title: m.title })
          }
        >
          {done ? t("portalPrep.material.undo") : lecture ? t("portalPrep.material.markWatched") : t("portalPrep.material.markRead")}
        </button>
      </fetcher.Form>
    </li>
  );
}

function QuestionItem({ question: q, number }: { question: Question; number: number }) {
  const t = useT();
  const fetcher = useFetcher<typeof action>();
  const actionData = useActionData<typeof action>();
  const hydrated = useHydrated();
  // Without JavaScript the 400 comes back as the page's action data; with it, as this fetcher's.
  const fromAction = actionData && "questionId" in actionData && actionData.questionId === q.id ? actionData : undefined;
  const result = (fetcher.data && "questionId" in fetcher.data ? fetcher.data : undefined) ?? fromAction;
  const failed = result && !result.ok ? result : undefined;
  const fieldId = `reflection-${q.id}`;
  const helpId = `${fieldId}-help`;
  const errorId = `${fieldId}-error`;
  const shareHelpId = `${fieldId}-share-help`;
  const saving = fetcher.state === "submitting";
  return (
    <section className="prep-question" id={`fraga-${q.id}`} aria-labelledby={`${fieldId}-heading`}>
      <h3 id={`${fieldId}-heading`} className="prep-question__number">
        {t("portalPrep.reflections.question", { number })}
      </h3>
      <fetcher.Form method="post" className="stack" preventScrollReset>
        {hydrated ? <input type="hidden" name="js" value="1" /> : null}
        <input type="hidden" name="intent" value="reflect" />
        <input type="hidden" name="questionId" value={q.id} />
        <div className="field">
          <label htmlFor={fieldId} className="prep-question__text">
            {q.text}
          </label>
          <p className="help" id={helpId}>
            {t("portalPrep.reflections.help", { max: formatNumber(MAX_REFLECTION_CHARS) })}
          </p>
          <textarea
            id={fieldId}
            name="text"
            rows={6}
            defaultValue={failed ? failed.text : (q.mine?.text ?? "")}
            aria-invalid={failed ? true : undefined}
            aria-describedby={failed ? `${helpId} ${errorId}` : helpId}
          />
          {failed ? (
            <p className="error" id={errorId}>
              {failed.error}
            </p>
          ) : null}
        </div>
        <div className="prep-question__share">
          <label className="checkbox">
            <input
              type="checkbox"
              name="shared"
              value="1"
              defaultChecked={failed ? failed.shared : (q.mine?.shared ?? false)}
              aria-describedby={shareHelpId}
            />
            {t("portalPrep.reflections.share")}
          </label>
          <p className="help" id={shareHelpId}>
            {t("portalPrep.reflections.shareHelp")}
          </p>
        </div>
        <button type="submit" className="button portal-button" disabled={saving}>
          {saving ? t("portalPrep.reflections.saving") : t("portalPrep.reflections.save")}
        </button>
        <p className="prep-question__status" role="status">
          {failed
            ? t("portalPrep.reflections.notSavedError")
            : q.mine
              ? t(q.mine.shared ? "portalPrep.reflections.savedShared" : "portalPrep.reflections.saved", { when: formatDateTime(q.mine.updatedAt) })
              : result?.ok
                ? t("portalPrep.reflections.deleted")
                : t("portalPrep.reflections.notSaved")}
        </p>
      </fetcher.Form>
      <div className="prep-shared">
        <h4 className="prep-shared__heading">{t("portalPrep.shared.heading")}</h4>
        {q.shared.length === 0 ? (
          <p className="prep-shared__none">{t("portalPrep.shared.none")}</p>
        ) : (
          <ul className="prep-shared__list">
            {q.shared.map((s) => (
              <li key={s.authorId} className="prep-shared__item">
                <p className="prep-shared__text">{s.text}</p>
                <p className="prep-shared__by">{t("portalPrep.shared.by", { name: s.authorName, date: formatDate(s.updatedAt) })}</p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
