/**
 * The staff check-in screen of a session or of the exchange event: the code
 * and QR code large enough to read from the back of a room on a projector,
 * and below them what the coordinator needs (link for a meeting chat, the
 * window and its margin, personal links by e-mail).
 */
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, type RefObject } from "react";
import { Field, FormError } from "~/components/field";
import { useT } from "~/i18n";
import { formatCheckinWindow } from "~/lib/checkin-helpers";
import type { checkinScreenAction, checkinScreenLoader } from "~/lib/checkin-screen.server";
import { formatDate, formatTimeRange } from "~/lib/format";

/** Full screen needs JavaScript; the button appears only once it can work. */
export function useFullscreen(target: RefObject<HTMLElement>) {
  const [supported, setSupported] = useState(false);
  const [active, setActive] = useState(false);
  useEffect(() => {
    setSupported(typeof document !== "undefined" && document.fullscreenEnabled);
    const onChange = () => setActive(document.fullscreenElement === target.current);
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, [target]);
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void target.current?.requestFullscreen();
  };
  return { supported, active, toggle };
}

function Notice() {
  const data = useLoaderData<typeof checkinScreenLoader>();
  const t = useT();
  if (data.notice === "marginal") {
    return (
      <div className="notice notice--ok" role="status">
        {t("checkin.screen.marginSaved", { window: formatCheckinWindow(new Date(data.opensAt), new Date(data.closesAt)) })}
      </div>
    );
  }
  if (data.notice === "lankar") {
    return (
      <div className={`notice ${data.failed > 0 ? "notice--warn" : "notice--ok"}`} role="status">
        <p>{t("checkin.screen.linksSent", { count: data.sent })}</p>
        {data.failed > 0 ? <p>{t("checkin.screen.linksFailed", { count: data.failed })}</p> : null}
      </div>
    );
  }
  return null;
}

export function CheckinScreen() {
  const data = useLoaderData<typeof checkinScreenLoader>();
  const actionData = useActionData<typeof checkinScreenAction>();
  const navigation = useNavigation();
  const t = useT();
  const display = useRef<HTMLElement>(null);
  const fullscreen = useFullscreen(display);
  const { details } = data;
  const startsAt = new Date(details.startsAt);
  const endsAt = new Date(details.endsAt);
  const windowText = formatCheckinWindow(new Date(data.opensAt), new Date(data.closesAt));
  const sending = navigation.state === "submitting" && navigation.formData?.get("intent") === "send-links";

  return (
    <>
      <p>
        <Link to={details.backPath}>← {details.backLabel}</Link>
      </p>
      <h1>{t("checkin.screen.title", { title: details.title })}</h1>
      <p className="lead">
        {details.seriesNames.join(", ")} · {formatTimeRange(startsAt, endsAt)}
        {details.format === "digitalt" ? ` · ${t("format.digitalt")}` : details.venue ? ` · ${details.venue}` : ""}
      </p>

      <Notice />
      <FormError message={actionData?.errors.form} />

      <section ref={display} className="checkin-display" aria-label={t("checkin.screen.displayLabel")}>
        <div className="checkin-display__text">
          <h2 className="checkin-display__heading">{t("checkin.screen.displayHeading")}</h2>
          <p className="checkin-display__step">
            {t("checkin.screen.goTo")} <strong className="checkin-display__address">{data.entryAddress}</strong> {t("checkin.screen.typeCode")}
          </p>
          <p className="checkin-display__code" data-testid="checkin-code">
            {data.code}
          </p>
          <p className="checkin-display__step">{formatDate(startsAt)} · {details.title}</p>
        </div>
        <figure className="checkin-display__qr">
          {/* The SVG is generated on the server from our own URL (qrcode package) and carries its own <title>. */}
          <div className="checkin-qr" dangerouslySetInnerHTML={{ __html: data.qrSvg }} />
          <figcaption>{t("checkin.screen.orScan")}</figcaption>
        </figure>
        {fullscreen.supported ? (
          <button type="button" className="button button--secondary checkin-display__fullscreen" onClick={fullscreen.toggle}>
            {fullscreen.active ? t("checkin.screen.exitFullscreen") : t("checkin.screen.fullscreen")}
          </button>
        ) : null}
      </section>

      <div className="grid checkin-staff">
        <section className="card" aria-labelledby="checkin-link-heading">
          <h2 id="checkin-link-heading">{t("checkin.screen.linkHeading")}</h2>
          <p>{t("checkin.screen.linkHelp")}</p>
          <code className="feed-url">{data.checkinUrl}</code>
        </section>

        <section className="card" aria-labelledby="checkin-window-heading">
          <h2 id="checkin-window-heading">{t("checkin.screen.windowHeading")}</h2>
          <p>
            {t("checkin.screen.window", { window: windowText })} <strong>{t(`checkin.screen.state.${data.state}`)}</strong>
          </p>
          <p>{t("checkin.screen.presentCount", { present: data.present, total: data.enrolled })}</p>
          {data.canUpdate ? (
            <Form method="post" className="stack checkin-margin-form" noValidate>
              <input type="hidden" name="intent" value="margin" />
              <Field
                label={t("checkin.screen.marginLabel")}
                name="marginMinutes"
                id="checkin-margin"
                type="text"
                inputMode="numeric"
                help={t("checkin.screen.marginHelp")}
                error={actionData?.intent === "margin" ? actionData.errors.marginMinutes : undefined}
                defaultValue={actionData?.intent === "margin" ? actionData.margin : String(details.checkinMarginMinutes)}
                key={`margin-${details.checkinMarginMinutes}`}
                required
              />
              <div>
                <button type="submit" className="button">
                  {t("checkin.screen.marginSave")}
                </button>
              </div>
            </Form>
          ) : null}
        </section>

        {data.canUpdate ? (
          <section className="card" aria-labelledby="checkin-links-heading">
            <h2 id="checkin-links-heading">{t("checkin.screen.linksHeading")}</h2>
            <p>{t("checkin.screen.linksHelp")}</p>
            {data.recipients > 0 ? (
              <>
                <p>
                  <strong>{t("checkin.screen.linksRecipients", { count: data.recipients })}</strong>
                </p>
                <Form method="post">
                  <input type="hidden" name="intent" value="send-links" />
                  <button type="submit" className="button" disabled={sending}>
                    {t("checkin.screen.sendLinks")}
                  </button>
                </Form>
              </>
            ) : (
              <p className="empty">{t("checkin.screen.linksNone")}</p>
            )}
          </section>
        ) : null}
      </div>

      <p>
        <Link to={`${details.basePath}/narvaro`}>{t("checkin.screen.toRoster")}</Link>
      </p>
    </>
  );
}
