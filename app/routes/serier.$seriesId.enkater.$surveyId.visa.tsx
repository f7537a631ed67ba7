import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { useRef } from "react";
import { useFullscreen } from "~/components/checkin-screen";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { accessibleSvg } from "~/lib/checkin-helpers";
import { formatDate, formatDateTime } from "~/lib/format";
import { requireSeriesPermission } from "~/lib/permissions.server";
import { publicUrl } from "~/lib/urls.server";
import { getSeriesSurvey, stateOf } from "~/models/survey.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.survey.name}: ${data.survey.seriesName} – Processtöd` : "Processtöd" }];

/**
 * The survey "shown in the room": a large QR code, the short address and the
 * code, for a projector at the start of seminar 1 or the end of seminar 3.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "read", "survey");
  const t = await getTranslator(request);
  const survey = getSeriesSurvey({ seriesId, surveyId: Number(params.surveyId) || 0, scope });
  if (!survey) throw json({ message: "not-found" }, { status: 404 });
  const url = publicUrl(request, `/enkat/${survey.publicCode}`);
  const entry = new URL(publicUrl(request, "/enkat"));
  return {
    survey: {
      id: survey.id,
      seriesId,
      name: survey.templateName,
      seriesName: survey.seriesName,
      session: survey.session ? { position: survey.session.position, title: survey.session.title, startsAt: survey.session.startsAt } : null,
      state: stateOf(survey),
      opensAt: survey.window?.opensAt ?? null,
      closesAt: survey.window?.closesAt ?? null,
    },
    code: survey.publicCode,
    url,
    entryAddress: `${entry.host}${entry.pathname}`,
    qrSvg: accessibleSvg(await QRCode.toString(url, { type: "svg", margin: 2, errorCorrectionLevel: "M" }), {
      id: "survey-qr-title",
      title: t("surveyAnswer.staff.qrTitle", { url }),
    }),
  };
}

export default function ShowSurvey() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const display = useRef<HTMLElement>(null);
  const fullscreen = useFullscreen(display);
  const { survey } = data;
  return (
    <>
      <p>
        <Link to={`/serier/${survey.seriesId}/enkater#enkat-${survey.id}`}>← {t("surveyAnswer.staff.backToSurveys")}</Link>
      </p>
      <h1>{t("surveyAnswer.show.title", { survey: survey.name, series: survey.seriesName })}</h1>
      <p className="lead">
        <span className={`badge badge--survey-${survey.state}`}>{t(`survey.state.${survey.state}`)}</span>{" "}
        {survey.opensAt && survey.closesAt
          ? t("surveyAnswer.show.window", { opens: formatDateTime(new Date(survey.opensAt)), closes: formatDateTime(new Date(survey.closesAt)) })
          : t("surveyAnswer.staff.noTimes")}
      </p>
      {survey.state !== "open" ? (
        <div className="notice notice--warn" role="status">
          {t(survey.state === "closed" ? "surveyAnswer.show.closedWarning" : "surveyAnswer.show.notOpenWarning")}
        </div>
      ) : null}
      <section ref={display} className="checkin-display survey-display" aria-label={t("surveyAnswer.show.displayLabel")}>
        <div className="checkin-display__text">
          <h2 className="checkin-display__heading">{t("surveyAnswer.show.heading", { survey: survey.name })}</h2>
          <p className="checkin-display__step">
            {t("surveyAnswer.show.goTo")} <strong className="checkin-display__address">{data.entryAddress}</strong> {t("surveyAnswer.show.typeCode")}
          </p>
          <p className="checkin-display__code" data-testid="survey-code">
            {data.code}
          </p>
          <p className="checkin-display__step">
            {survey.session ? `${formatDate(new Date(survey.session.startsAt))} · ${survey.session.title}` : survey.seriesName}
          </p>
          <p className="checkin-display__step">{t("surveyAnswer.show.anonymous")}</p>
        </div>
        <figure className="checkin-display__qr">
          {/* The SVG is generated on the server from our own URL (qrcode package) and carries its own <title>. */}
          <div className="checkin-qr" dangerouslySetInnerHTML={{ __html: data.qrSvg }} />
          <figcaption>{t("surveyAnswer.show.orScan")}</figcaption>
        </figure>
        {fullscreen.supported ? (
          <button type="button" className="button button--secondary checkin-display__fullscreen" onClick={fullscreen.toggle}>
            {fullscreen.active ? t("checkin.screen.exitFullscreen") : t("checkin.screen.fullscreen")}
          </button>
        ) : null}
      </section>
      <section className="card" aria-labelledby="survey-link-heading">
        <h2 id="survey-link-heading">{t("surveyAnswer.show.linkHeading")}</h2>
        <p>{t("surveyAnswer.show.linkHelp")}</p>
        <code className="feed-url">{data.url}</code>
      </section>
    </>
  );
}
