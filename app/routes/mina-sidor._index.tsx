import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PortalSessionCard } from "~/components/portal-session-card";
import { PortalShell } from "~/components/portal-shell";
import { useT } from "~/i18n";
import { requireParticipant } from "~/lib/participant-auth.server";
import { listPortalSessions } from "~/models/portal.server";

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
  return {
    name: participant.name,
    upcoming: sessions.filter((s) => s.upcoming),
    // Most recent first: what the participant just attended is what they look for.
    past: sessions.filter((s) => !s.upcoming).reverse(),
  };
}

export default function PortalHome() {
  const { name, upcoming, past } = useLoaderData<typeof loader>();
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
