/**
 * Retention settings (gallring) for process leaders (issue #11 item 6,
 * decision 017): how long each kind of personal data is kept, a dry-run
 * preview of what a run today would remove, and a button to run it now.
 * Other staff get 403.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormError } from "~/components/field";
import { TableWrap } from "~/components/table-wrap";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { formatDate, formatDateTime, formatNumber } from "~/lib/format";
import { requireUserWithPermission } from "~/lib/permissions.server";
import {
  AUDIT_LOG_RETENTION_MONTHS,
  RETENTION_KINDS,
  RETENTION_RULES,
  RetentionSettingsSchema,
  type RetentionKind,
} from "~/lib/retention-form";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { applyRetention, lastRetentionRun, listRetentionSettings, updateRetentionSettings } from "~/models/retention.server";

export const meta: MetaFunction = () => [{ title: "Gallring av personuppgifter – Processtöd" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "update", "settings");
  const preview = applyRetention({ dryRun: true });
  return json(
    { settings: listRetentionSettings(), preview: { counts: preview.counts, bySeries: preview.bySeries }, lastRun: lastRetentionRun() },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type ActionData = { errors: FieldErrors; values: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "update", "settings");
  const t = await getTranslator(request);
  const formData = await request.formData();
  const ip = (context as { clientIp?: string }).clientIp || null;
  if (formData.get("intent") === "run") {
    const result = applyRetention({ actor: { kind: "staff", user } });
    const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
    return redirect(`/installningar/gallring?kord=${total}`);
  }
  const parsed = parseFormData(RetentionSettingsSchema, formData, t);
  if (!parsed.ok) {
    const values = Object.fromEntries(RETENTION_KINDS.map((k) => [k, String(formData.get(k) ?? "").slice(0, 20)]));
    return json<ActionData>({ errors: parsed.errors, values }, { status: 400 });
  }
  const changed = updateRetentionSettings({ values: parsed.data, user, ip });
  return redirect(`/installningar/gallring?sparad=${changed.length}`);
}

function unitLabel(t: ReturnType<typeof useT>, kind: RetentionKind) {
  return t(`retention.unit.${RETENTION_RULES[kind].unit}`);
}

export default function RetentionSettingsPage() {
  const { settings, preview, lastRun } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const t = useT();
  const errors = actionData?.errors ?? {};
  const saved = params.get("sparad");
  const ran = params.get("kord");
  const previewRows = ([...RETENTION_KINDS, "audit_log"] as const).map((kind) => ({ kind, count: preview.counts[kind] }));
  const nothing = previewRows.every((r) => r.count === 0);
  const busy = navigation.state === "submitting";
  return (
    <>
      <h1>{t("retention.title")}</h1>
      <p className="lead">{t("retention.intro")}</p>
      {saved !== null ? (
        <div className="notice notice--ok" role="status">
          {saved === "0" ? t("retention.unchanged") : t("retention.saved")}
        </div>
      ) : null}
      {ran !== null ? (
        <div className="notice notice--ok" role="status">
          {t("retention.ran", { total: formatNumber(Number(ran) || 0) })}
        </div>
      ) : null}

      <section aria-labelledby="gallring-installningar" className="retention-section">
        <h2 id="gallring-installningar">{t("retention.settingsHeading")}</h2>
        <Form method="post" className="stack retention-form" noValidate>
          <input type="hidden" name="intent" value="save" />
          <FormError message={actionData ? t("form.errorSummary") : null} />
          {settings.map((s) => {
            const rule = RETENTION_RULES[s.kind];
            const id = `gallring-${s.kind}`;
            const error = errors[s.kind];
            const describedBy = [`${id}-help`, error ? `${id}-error` : null].filter(Boolean).join(" ");
            return (
              <div className="field retention-field" key={s.kind}>
                <label htmlFor={id}>{t(`retention.kind.${s.kind}`)}</label>
                <p className="help" id={`${id}-help`}>
                  {t(`retention.help.${s.kind}`)} {t("retention.default", { value: rule.defaultValue, unit: unitLabel(t, s.kind) })}
                  {s.updatedAt ? ` ${t("retention.changedBy", { date: formatDate(s.updatedAt), by: s.updatedBy ?? "–" })}` : null}
                </p>
                <div className="retention-field__input">
                  <input
                    id={id}
                    name={s.kind}
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    size={4}
                    defaultValue={actionData?.values[s.kind] ?? String(s.value)}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={describedBy}
                  />
                  <span>{unitLabel(t, s.kind)}</span>
                </div>
                {error ? (
                  <p className="error" id={`${id}-error`}>
                    {error}
                  </p>
                ) : null}
              </div>
            );
          })}
          <div className="field retention-field">
            <p className="retention-field__fixed">
              <strong>{t("retention.kind.audit_log")}:</strong> {t("retention.fixed.auditLog", { months: AUDIT_LOG_RETENTION_MONTHS })}
            </p>
            <p className="retention-field__fixed">{t("retention.fixed.surveys")}</p>
          </div>
          <div>
            <button type="submit" className="button" disabled={busy}>
              {t("retention.save")}
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="gallring-forhandsvisning" className="retention-section">
        <h2 id="gallring-forhandsvisning">{t("retention.preview.heading")}</h2>
        {nothing ? (
          <p>{t("retention.preview.nothing")}</p>
        ) : (
          <>
            <p id="gallring-forhandsvisning-intro">{t("retention.preview.intro")}</p>
            <TableWrap label={t("retention.preview.heading")}>
              <table className="retention-preview" aria-describedby="gallring-forhandsvisning-intro">
                <thead>
                  <tr>
                    <th scope="col">{t("retention.preview.kind")}</th>
                    <th scope="col" className="num">
                      {t("retention.preview.count")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {previewRows.map((r) => (
                    <tr key={r.kind}>
                      <th scope="row">{t(`retention.count.${r.kind}`)}</th>
                      <td className="num">{formatNumber(r.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            {preview.bySeries.length ? (
              <>
                <h3>{t("retention.preview.bySeries")}</h3>
                <TableWrap label={t("retention.preview.bySeries")}>
                  <table className="retention-preview retention-preview--series">
                    <thead>
                      <tr>
                        <th scope="col">{t("retention.preview.series")}</th>
                        <th scope="col" className="num">
                          {t("retention.preview.people")}
                        </th>
                        <th scope="col" className="num">
                          {t("retention.preview.invitations")}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {preview.bySeries.map((s) => (
                        <tr key={s.seriesId}>
                          <th scope="row">{s.name}</th>
                          <td className="num">{formatNumber(s.people)}</td>
                          <td className="num">{formatNumber(s.invitations)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              </>
            ) : null}
          </>
        )}
        <p className="retention-note">
          {lastRun ? t("retention.lastRun", { date: formatDateTime(lastRun.at), by: lastRun.by }) : t("retention.neverRun")}
        </p>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="run" />
          <p className="retention-note" id="gallring-kor-hjalp">
            {t("retention.runHelp")}
          </p>
          <div>
            <button type="submit" className="button button--secondary" aria-describedby="gallring-kor-hjalp" disabled={busy}>
              {t("retention.run")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
