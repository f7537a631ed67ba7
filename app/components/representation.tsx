import { Form, useActionData } from "@remix-run/react";
import { TargetFields } from "~/components/target-fields";
import { TableWrap } from "~/components/table-wrap";
import { useT, type Translate } from "~/i18n";
import { formatNumber, formatPercent } from "~/lib/format";
import type { Gap, SectorCounts, Target } from "~/lib/representation";
import type { RoleCategoryCounts } from "~/models/representation.server";

export function gapText(gap: Gap, t: Translate): string {
  const sector = t(`sector.${gap.sector}`);
  switch (gap.kind) {
    case "missing":
      return gap.sector === "halso_sjukvard" ? t("gap.missingHealth") : t("gap.missing", { sector });
    case "count":
      return t("gap.count", { sector, actual: gap.actual, target: gap.target });
    case "share":
      return t("gap.share", { sector, actual: formatPercent(gap.actual), target: formatPercent(gap.target) });
    case "manager":
      return t("gap.manager", { sector });
  }
}

/** The live gap per sector: invited, answers and registered against the series' targets. */
export function Representation({
  counts,
  targets,
  gaps,
  requireManager,
  canEdit,
  roles,
}: {
  roles: RoleCategoryCounts[];
  counts: SectorCounts[];
  targets: Target[];
  gaps: Gap[];
  requireManager: boolean;
  canEdit: boolean;
}) {
  const t = useT();
  const actionData = useActionData<{ form?: string; errors?: Record<string, string> }>();
  const errors = actionData?.form === "targets" ? (actionData.errors ?? {}) : {};
  const targetText = (target?: Target) =>
    [
      target?.minCount ? t("gap.targetCount", { count: target.minCount }) : null,
      target?.minSharePercent ? t("gap.targetShare", { share: formatPercent(target.minSharePercent / 100) }) : null,
    ]
      .filter(Boolean)
      .join(", ") || t("gap.none");
  return (
    <section aria-labelledby="representation-title">
      <h2 id="representation-title">{t("gap.title")}</h2>
      <p className="help">{t("gap.intro")}</p>
      {gaps.length ? (
        <div className="notice notice--warn" role="note">
          <ul>
            {gaps.map((gap, i) => (
              <li key={i}>{gapText(gap, t)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <div className="notice notice--ok" role="status">
          {t("gap.ok")}
        </div>
      )}
      <TableWrap label={t("gap.title")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("series.sector")}</th>
              <th scope="col" className="num">{t("gap.invited")}</th>
              <th scope="col" className="num">{t("gap.accepted")}</th>
              <th scope="col" className="num">{t("gap.declined")}</th>
              <th scope="col" className="num">{t("gap.noReply")}</th>
              <th scope="col" className="num">{t("gap.registered")}</th>
              <th scope="col">{t("gap.target")}</th>
              <th scope="col" className="num">{t("gap.managers")}</th>
            </tr>
          </thead>
          <tbody>
            {counts.map((c) => (
              <tr key={c.sector}>
                <th scope="row">{t(`sector.${c.sector}`)}</th>
                <td className="num">{formatNumber(c.invited)}</td>
                <td className="num">{formatNumber(c.accepted)}</td>
                <td className="num">{formatNumber(c.declined)}</td>
                <td className="num">{formatNumber(c.noReply)}</td>
                <td className="num">{formatNumber(c.registered)}</td>
                <td>{targetText(targets.find((x) => x.sector === c.sector))}</td>
                <td className="num">{formatNumber(c.managers)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h3 id="roles-title">{t("gap.rolesTitle")}</h3>
      <TableWrap label={t("gap.rolesTitle")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("series.roleCategory")}</th>
              <th scope="col" className="num">{t("gap.invited")}</th>
              <th scope="col" className="num">{t("gap.accepted")}</th>
              <th scope="col" className="num">{t("gap.registered")}</th>
              <th scope="col">{t("gap.target")}</th>
            </tr>
          </thead>
          <tbody>
            {roles.map((r) => (
              <tr key={r.roleCategory}>
                <th scope="row">{t(`roleCategory.${r.roleCategory}`)}</th>
                <td className="num">{formatNumber(r.invited)}</td>
                <td className="num">{formatNumber(r.accepted)}</td>
                <td className="num">{formatNumber(r.registered)}</td>
                <td>{r.roleCategory === "chef" && requireManager ? t("gap.managerTarget") : t("gap.none")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {canEdit ? (
        <details className="session-edit" open={Object.keys(errors).length > 0}>
          <summary>{t("gap.editTitle")}</summary>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="targets" />
            <TargetFields targets={targets} errors={errors} />
            <div className="checkbox">
              <input id="requireManager" type="checkbox" name="requireManager" value="1" defaultChecked={requireManager} />
              <label htmlFor="requireManager">{t("gap.requireManager")}</label>
            </div>
            <div>
              <button type="submit" className="button">
                {t("gap.save")}
              </button>
            </div>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
