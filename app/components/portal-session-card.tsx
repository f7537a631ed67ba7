/** One session in the participant's list: when, where, their reply and their preparation. */
import { Link } from "@remix-run/react";
import { useT } from "~/i18n";
import { formatTimeRange } from "~/lib/format";

export type SessionCardData = {
  id: number;
  seriesName: string;
  seriesStatus: string;
  title: string;
  startsAt: number;
  endsAt: number;
  format: "pa_plats" | "digitalt" | "hybrid";
  venue: string | null;
  reply: "kommer" | "kommer_inte" | null;
  substituteForName: string | null;
  prepDone: number;
  prepTotal: number;
};

export function PortalSessionCard({ session, upcoming }: { session: SessionCardData; upcoming: boolean }) {
  const t = useT();
  const cancelled = session.seriesStatus === "avbruten";
  return (
    <li className="portal-card">
      <h3 className="portal-card__title">
        <Link to={`/mina-sidor/tillfallen/${session.id}`}>{session.title}</Link>
      </h3>
      <p className="portal-card__when">
        <time dateTime={new Date(session.startsAt).toISOString()}>{formatTimeRange(session.startsAt, session.endsAt)}</time>
      </p>
      <p className="portal-card__meta">
        {session.seriesName} · {t(`portal.format.${session.format}`)}
        {session.venue ? ` · ${session.venue}` : ""}
      </p>
      {cancelled ? <p><span className="badge badge--avbruten">{t("portal.home.cancelled")}</span></p> : null}
      {session.substituteForName ? <p className="portal-card__note">{t("portal.home.asSubstitute", { name: session.substituteForName })}</p> : null}
      {upcoming && !cancelled ? (
        <ul className="portal-card__facts">
          {session.substituteForName ? null : (
            <li>
              {session.reply === "kommer"
                ? t("portal.home.replyComing")
                : session.reply === "kommer_inte"
                  ? t("portal.home.replyNotComing")
                  : t("portal.home.replyMissing")}
            </li>
          )}
          <li>
            {session.prepTotal > 0 ? t("portal.home.prep", { done: session.prepDone, total: session.prepTotal }) : t("portal.home.noPrep")}
          </li>
        </ul>
      ) : null}
    </li>
  );
}
