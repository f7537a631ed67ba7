import { TableWrap } from "~/components/table-wrap";
import { useT } from "~/i18n";
import type { Level, RoleCategory, Sector } from "../../db/schema";

type Participant = {
  id: number;
  name: string;
  email?: string;
  workplace: string | null;
  organisation?: string | null;
  sector: Sector;
  roleCategory: RoleCategory;
  jobTitle: string | null;
  level: Level | null;
};

/** Participants of a series; e-mail and municipality columns when the rows carry them. */
export function ParticipantTable({ participants, contact = false }: { participants: Participant[]; contact?: boolean }) {
  const t = useT();
  return (
    <TableWrap label={t("series.participantsTitle")}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("series.participantName")}</th>
            {contact ? <th scope="col">{t("participants.email")}</th> : null}
            <th scope="col">{t("series.workplace")}</th>
            {contact ? <th scope="col">{t("participants.municipality")}</th> : null}
            <th scope="col">{t("series.sector")}</th>
            <th scope="col">{t("series.roleCategory")}</th>
            <th scope="col">{t("series.jobTitle")}</th>
            <th scope="col">{t("series.level")}</th>
          </tr>
        </thead>
        <tbody>
          {participants.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              {contact ? <td>{p.email}</td> : null}
              <td>{p.workplace}</td>
              {contact ? <td>{p.organisation}</td> : null}
              <td>{t(`sector.${p.sector}`)}</td>
              <td>{t(`roleCategory.${p.roleCategory}`)}</td>
              <td>{p.jobTitle}</td>
              <td>{p.level ? t(`level.${p.level}`) : t("series.none")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
