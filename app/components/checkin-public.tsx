/**
 * Pieces of the participants' check-in pages (/incheckning…). Built for a
 * phone held in one hand at the door: one column, large text and touch
 * targets, and nothing that needs JavaScript.
 */
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n";
import { CodeForm } from "./code-form";
import { formatCheckinWindow } from "~/lib/checkin-helpers";
import { formatDate, formatTime } from "~/lib/format";

export function CheckinShell({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="checkin-public">
      <h1>{title}</h1>
      {children}
    </div>
  );
}

/** The code field; it always posts to /incheckning, which sends a right code on to its page. */
export function CheckinCodeForm({ error, defaultValue }: { error?: string; defaultValue?: string }) {
  const t = useT();
  return (
    <CodeForm
      action="/incheckning"
      name="checkin"
      label={t("checkin.public.codeLabel")}
      help={t("checkin.public.codeHelp")}
      submit={t("checkin.public.next")}
      error={error}
      defaultValue={defaultValue}
    />
  );
}

export type OccasionView = {
  title: string;
  seriesName: string | null;
  startsAt: Date | string;
  endsAt: Date | string;
  venue: string | null;
  format: string;
  opensAt: Date | string;
  closesAt: Date | string;
  state: "notYetOpen" | "open" | "closed";
};

/** Which session this is: title, series, date and place. */
export function OccasionSummary({ occasion }: { occasion: OccasionView }) {
  const t = useT();
  const startsAt = new Date(occasion.startsAt);
  const endsAt = new Date(occasion.endsAt);
  const place = occasion.format === "digitalt" ? t("checkin.public.digital") : occasion.venue;
  return (
    <section className="checkin-occasion" aria-label={t("checkin.public.occasionLabel")}>
      <p className="checkin-occasion__title">{occasion.title}</p>
      {occasion.seriesName ? <p className="checkin-occasion__series">{occasion.seriesName}</p> : null}
      <p>
        {t("checkin.public.when", { date: formatDate(startsAt), start: formatTime(startsAt), end: formatTime(endsAt) })}
        {place ? (
          <>
            <br />
            {place}
          </>
        ) : null}
      </p>
    </section>
  );
}

/** Why check-in is not possible now, with when it opens or closed. */
export function WindowMessage({ occasion }: { occasion: OccasionView }) {
  const t = useT();
  const at = (d: Date | string) => t("checkin.public.at", { date: formatDate(new Date(d)), time: formatTime(new Date(d)) });
  if (occasion.state === "open") return null;
  return (
    <div className="notice notice--warn" role="alert">
      <p>{occasion.state === "notYetOpen" ? t("checkin.public.notYetOpen", { opens: at(occasion.opensAt) }) : t("checkin.public.closed", { closes: at(occasion.closesAt) })}</p>
      <p>{t("checkin.public.windowInfo", { window: formatCheckinWindow(new Date(occasion.opensAt), new Date(occasion.closesAt)) })}</p>
    </div>
  );
}

/** Unlinks the phone from the person whose personal link was opened on it. */
export function ForgetMeForm() {
  const t = useT();
  return (
    <Form method="post" action="/incheckning" className="checkin-forget">
      <input type="hidden" name="intent" value="forget" />
      <button type="submit" className="link-button">
        {t("checkin.public.forget")}
      </button>
    </Form>
  );
}
