import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PortalSessionCard } from "~/components/portal-session-card";
import { PortalShell } from "~/components/portal-shell";
import { useT } from "~/i18n";
import { requireParticipant } from "~/lib/participant-auth.server";
import { publishedGroupFor } from "~/models/groups.server";
import { listPortalExchanges, listPortalSessions } from "~/models/portal.server";
import { isHttpUrl } from "~/lib/schemas";
import { formatTimeRange } from "~/lib/format";

export const meta: MetaFunction = () => [{ title: "Mina tillfällen – Mina sidor – Processtöd" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const participant = await requireParticipant(request);
  const now = Date.now();
  const sessions = listPortalSessions({ personId: participant.id }).map((s) => ({
    id: s.id,
    seriesName: s.seriesName,
    seriesStatus: s.seriesStatus,
    title: s.title,
    startsAt: s.startsAt.getTime(),
    endsAt: s.endsAt.getTime(),
    format: s.format,
    venue: s.venue,
    reply: s.reply,
    substituteForName: s.substituteForName,
    prepDone: s.prepDone,
    prepTotal: s.prepTotal,
    upcoming: s.endsAt.getTime() > now,
  }));
  const exchanges = listPortalExchanges({ personId: participant.id })
    .filter((e) => e.endsAt.getTime() > now)
    .map((e) => ({
      id: e.id,
      title: e.title,
      startsAt: e.startsAt.getTime(),
      endsAt: e.endsAt.getTime(),
      format: e.format,
      venue: e.venue,
      // Only http(s) links become clickable.
      meetingLink: e.meetingLink && isHttpUrl(e.meetingLink) ? e.meetingLink : null,
      expert: e.expert,
      // The exchange has no page of its own in the portal: the published group is shown on its card.
      group: publishedGroupFor({ personId: participant.id, eventId: e.id }),
    }));
  return {
    name: participant.name,
    exchanges,
    upcoming: sessions.filter((s) => s.upcoming),
    // Most recent first: what the participant just attended is what they look for.
    past: sessions.filter((s) => !s.upcoming).reverse(),
  };
}

export default function PortalHome() {
  const { name, upcoming, past, exchanges } = useLoaderData<typeof loader>();
  const t = useT();
  const none = upcoming.length === 0 && past.length === 0;
  return (
    <PortalShell name={name} title={t("portal.home.title")}>
      <p>{t("portal.home.greeting", { name })}</p>
      {none ? (
        <p className="empty">{t("portal.home.empty")}</p>
      ) : (
        <>
          <h2>{t("portal.home.upcoming")}</h2>
          {upcoming.length ? (
            <ul className="portal-cards">
              {upcoming.map((s) => (
                <PortalSessionCard key={s.id} session={s} upcoming />
              ))}
            </ul>
          ) : (
            <p className="empty">{t("portal.home.noUpcoming")}</p>
          )}
          {exchanges.length ? (
            <>
              <h2>{t("portal.home.exchanges")}</h2>
              <p>{t("portal.home.exchangesIntro")}</p>
              <ul className="portal-cards">
                {exchanges.map((e) => (
                  <li key={e.id} className="portal-card">
                    <h3 className="portal-card__title portal-card__title--plain">{e.title}</h3>
                    <p className="portal-card__when">
                      <time dateTime={new Date(e.startsAt).toISOString()}>{formatTimeRange(e.startsAt, e.endsAt)}</time>
                    </p>
                    <p className="portal-card__meta">
                      {t(`portal.format.${e.format}`)}
                      {e.venue ? ` · ${e.venue}` : ""}
                    </p>
                    {e.expert ? <p className="portal-card__meta">{e.expert.split("\n").join(", ")}</p> : null}
                    {e.group ? (
                      <p className="portal-card__note">
                        <strong>{t("groups.portal.title", { no: e.group.groupNo })}</strong>
                        {e.group.members.length ? ` – ${t("groups.portal.withNames", { names: e.group.members.map((m) => m.name).join(", ") })}` : ""}
                      </p>
                    ) : null}
                    {e.meetingLink ? (
                      <p>
                        <a href={e.meetingLink} className="portal-card__link">
                          {t("portal.home.meetingLink")}
                        </a>
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {past.length ? (
            <>
              <h2>{t("portal.home.past")}</h2>
              <ul className="portal-cards">
                {past.map((s) => (
                  <PortalSessionCard key={s.id} session={s} upcoming={false} />
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </PortalShell>
  );
}
