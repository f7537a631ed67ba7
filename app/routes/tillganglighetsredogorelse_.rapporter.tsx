/** Problems reported through the accessibility statement, for process leaders (403 for other staff). */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TableWrap } from "~/components/table-wrap";
import { useT } from "~/i18n";
import { formatDateTime } from "~/lib/format";
import { requireUserWithPermission } from "~/lib/permissions.server";
import { policySettings } from "~/lib/policy.server";
import { listAccessibilityReports } from "~/models/accessibility-report.server";

export const meta: MetaFunction = () => [{ title: "Rapporter om tillgänglighet – Processtöd" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read", "accessibility-report");
  return { reports: listAccessibilityReports(), email: policySettings().accessibilityEmail };
}

export default function AccessibilityReports() {
  const { reports, email } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p>
        <Link to="/tillganglighetsredogorelse">{t("policy.reports.back")}</Link>
      </p>
      <h1>{t("policy.reports.title")}</h1>
      <p className="lead">{t("policy.reports.intro", { email })}</p>
      {reports.length === 0 ? (
        <p className="empty">{t("policy.reports.empty")}</p>
      ) : (
        <TableWrap label={t("policy.reports.title")}>
          <table className="policy-reports">
            <thead>
              <tr>
                <th scope="col">{t("policy.reports.created")}</th>
                <th scope="col">{t("policy.reports.page")}</th>
                <th scope="col">{t("policy.reports.description")}</th>
                <th scope="col">{t("policy.reports.from")}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.createdAt)}</td>
                  <td className="policy-reports__page">{r.pageUrl ?? "–"}</td>
                  <td className="policy-reports__text">{r.description}</td>
                  <td>
                    {r.name || r.email ? (
                      <>
                        {r.name ? <div>{r.name}</div> : null}
                        {r.email ? <a href={`mailto:${r.email}`}>{r.email}</a> : null}
                      </>
                    ) : (
                      t("policy.reports.anonymous")
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
