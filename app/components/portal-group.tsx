/** "Din grupp: Grupp 3" on the participant's session page, once the groups are published (issue #9). */
import { useT } from "~/i18n";
import type { PortalGroup } from "~/models/groups.server";

export function PortalGroupCard({ group }: { group: PortalGroup | null }) {
  const t = useT();
  if (!group) return null;
  return (
    <section className="portal-session__section portal-group" aria-labelledby="din-grupp-rubrik">
      <h2 id="din-grupp-rubrik">{t("groups.portal.title", { no: group.groupNo })}</h2>
      {group.members.length === 0 ? (
        <p>{t("groups.portal.alone")}</p>
      ) : (
        <>
          <p>{t("groups.portal.intro")}</p>
          <ul className="portal-group__members">
            {group.members.map((m, i) => (
              <li key={i}>
                <span className="portal-group__name">{m.name}</span>{" "}
                <span className="portal-group__meta">
                  {t(`sector.${m.sector}`)}
                  {m.facilitator ? `, ${t("groups.facilitator")}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
