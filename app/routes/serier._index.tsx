import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatusBadge } from "~/components/status-badge";
import { useT } from "~/i18n";
import { formatDate, formatNumber } from "~/lib/format";
import { can, requireUserWithPermission } from "~/lib/permissions.server";
import { listSeries } from "~/models/series.server";
import { organisationNames } from "~/models/organisation.server";
import { TableWrap } from "~/components/table-wrap";

export const meta: MetaFunction = () => [{ title: "Serier – Processtöd" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requireUserWithPermission(request, "read", "series");
  return {
    role: user.role,
    canCreate: can(user, "create", "series"),
    organisations: organisationNames({ organisationIds: user.organisationIds }),
    series: listSeries({ scope }),
  };
}

export default function SeriesList() {
  const { role, canCreate, organisations, series } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="page-title">
        <h1>{t("series.title")}</h1>
        {canCreate ? (
          <Link to="/serier/ny" className="button">
            {t("series.create")}
          </Link>
        ) : null}
      </div>
      {series.length === 0 ? (
        <p className="empty">
          {role === "coordinator"
            ? t("series.emptyCoordinator", { organisations: organisations.join(", ") })
            : role === "admin"
              ? t("series.emptyAdmin")
              : t("series.emptySponsor")}
        </p>
      ) : (
        <TableWrap label={t("series.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("series.name")}</th>
                <th scope="col">{t("series.organisations")}</th>
                <th scope="col">{t("series.term")}</th>
                <th scope="col">{t("series.status")}</th>
                <th scope="col">{t("series.nextSession")}</th>
                <th scope="col" className="num">
                  {t("series.participants")}
                </th>
              </tr>
            </thead>
            <tbody>
              {series.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/serier/${s.id}`}>{s.name}</Link>
                  </td>
                  <td>{s.organisations}</td>
                  <td>{s.term}</td>
                  <td>
                    <StatusBadge status={s.status} />
                  </td>
                  <td>{s.nextSessionAt ? formatDate(s.nextSessionAt) : t("series.none")}</td>
                  <td className="num">{formatNumber(s.participants)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
