import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { TableWrap } from "~/components/table-wrap";
import { useT } from "~/i18n";
import { formatNumber } from "~/lib/format";
import { requireUserWithPermission } from "~/lib/permissions.server";
import { listSurveyTemplates } from "~/models/survey-template.server";

export const meta: MetaFunction = () => [{ title: "Enkätmallar – Processtöd" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read", "survey-template");
  return { templates: listSurveyTemplates() };
}

export default function SurveyTemplates() {
  const { templates } = useLoaderData<typeof loader>();
  const t = useT();
  const [searchParams] = useSearchParams();
  const builtIn = templates.filter((tpl) => tpl.builtIn);
  const custom = templates.filter((tpl) => !tpl.builtIn);
  const table = (rows: typeof templates, caption: string) => (
    <TableWrap label={caption}>
      <table className="survey-tpl-list">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("surveyTemplate.col.name")}</th>
            <th scope="col">{t("surveyTemplate.col.phase")}</th>
            <th scope="col" className="num">
              {t("surveyTemplate.col.items")}
            </th>
            <th scope="col" className="num">
              {t("surveyTemplate.col.indices")}
            </th>
            <th scope="col" className="num">
              {t("surveyTemplate.col.series")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((tpl) => (
            <tr key={tpl.id}>
              <th scope="row">
                <Link to={`/enkatmallar/${tpl.id}`}>{tpl.name}</Link>
              </th>
              <td>{t(`survey.phase.${tpl.phase}`)}</td>
              <td className="num">{formatNumber(tpl.items)}</td>
              <td className="num">{formatNumber(tpl.indices)}</td>
              <td className="num">{formatNumber(tpl.series)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
  return (
    <>
      <div className="page-title">
        <h1>{t("surveyTemplate.title")}</h1>
        <Link to="/enkatmallar/ny" className="button">
          {t("surveyTemplate.new")}
        </Link>
      </div>
      <p className="lead">{t("surveyTemplate.intro")}</p>
      {searchParams.has("borttagen") ? (
        <div className="notice notice--ok" role="status">
          {t("surveyTemplate.deleted")}
        </div>
      ) : null}

      <h2 id="built-in">{t("surveyTemplate.builtInTitle")}</h2>
      <p className="help">{t("surveyTemplate.builtInHelp")}</p>
      {table(builtIn, t("surveyTemplate.builtInTitle"))}

      <h2 id="custom">{t("surveyTemplate.customTitle")}</h2>
      {custom.length === 0 ? <p className="empty">{t("surveyTemplate.noCustom")}</p> : table(custom, t("surveyTemplate.customTitle"))}
    </>
  );
}
