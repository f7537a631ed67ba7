/**
 * The privacy notice (personuppgiftspolicy, issue #11 item 6). Public: anyone,
 * signed in or not, may read it. The controller and contact address come from
 * PRIVACY_CONTROLLER and PRIVACY_CONTACT_EMAIL.
 */
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { sessionTimeouts } from "~/lib/auth.server";
import { POLICY_UPDATED } from "~/lib/policy";
import { policySettings } from "~/lib/policy.server";
import { AUDIT_LOG_RETENTION_MONTHS, RETENTION_KINDS, RETENTION_RULES } from "~/lib/retention-form";
import { suppressionThreshold } from "~/lib/suppression";
import { getRetentionSettings } from "~/models/retention.server";

export const meta: MetaFunction = () => [{ title: "Personuppgiftspolicy – Processtöd" }];

export async function loader() {
  const { controller, privacyEmail } = policySettings();
  return {
    controller,
    privacyEmail,
    threshold: suppressionThreshold(),
    sessionHours: sessionTimeouts().absoluteMs / 3_600_000,
    // The periods the process leaders have set (decision 017), so the notice never drifts from them.
    retention: getRetentionSettings(),
  };
}

export default function PrivacyNotice() {
  const { controller, privacyEmail, threshold, sessionHours, retention } = useLoaderData<typeof loader>();
  const t = useT();
  const mail = <a href={`mailto:${privacyEmail}`}>{privacyEmail}</a>;
  const cookies = [
    { name: "processtod_auth", purpose: t("policy.privacy.cookies.auth"), life: t("policy.privacy.cookies.authLife", { hours: sessionHours }) },
    { name: "processtod_deltagare", purpose: t("policy.privacy.cookies.participant"), life: t("policy.privacy.cookies.days", { days: 30 }) },
    { name: "processtod_checkin", purpose: t("policy.privacy.cookies.checkin"), life: t("policy.privacy.cookies.days", { days: 30 }) },
    { name: "lang", purpose: t("policy.privacy.cookies.lang"), life: t("policy.privacy.cookies.langLife") },
    { name: "processtod_paper", purpose: t("policy.privacy.cookies.paper"), life: t("policy.privacy.cookies.paperLife") },
  ];
  return (
    <article className="policy">
      <h1>{t("policy.privacy.title")}</h1>
      <p className="lead">{t("policy.privacy.intro")}</p>
      <p className="help">{t("policy.updated", { date: POLICY_UPDATED })}</p>

      <h2>{t("policy.privacy.controller.heading")}</h2>
      <p>{t("policy.privacy.controller.text", { controller })}</p>
      <p>{t("policy.privacy.controller.municipalities", { controller })}</p>
      <p>
        {t("policy.privacy.controller.contact")} {mail}.
      </p>

      <h2>{t("policy.privacy.data.heading")}</h2>
      <p>{t("policy.privacy.data.participants")}</p>
      <ul>
        <li>{t("policy.privacy.data.identity")}</li>
        <li>{t("policy.privacy.data.work")}</li>
        <li>{t("policy.privacy.data.invitations")}</li>
        <li>{t("policy.privacy.data.attendance")}</li>
        <li>{t("policy.privacy.data.substitutes")}</li>
        <li>{t("policy.privacy.data.prep")}</li>
        <li>{t("policy.privacy.data.links")}</li>
        <li>{t("policy.privacy.data.requests")}</li>
      </ul>
      <p>{t("policy.privacy.data.staff")}</p>
      <p>{t("policy.privacy.data.surveys")}</p>
      <p>{t("policy.privacy.data.ip")}</p>

      <h2>{t("policy.privacy.purpose.heading")}</h2>
      <p>{t("policy.privacy.purpose.text")}</p>

      <h2>{t("policy.privacy.legal.heading")}</h2>
      <p>{t("policy.privacy.legal.text")}</p>
      <p>{t("policy.privacy.legal.assessment")}</p>

      <h2>{t("policy.privacy.access.heading")}</h2>
      <ul>
        <li>{t("policy.privacy.access.admin")}</li>
        <li>{t("policy.privacy.access.coordinator")}</li>
        <li>{t("policy.privacy.access.sponsor", { threshold })}</li>
        <li>{t("policy.privacy.access.participant")}</li>
      </ul>

      <h2>{t("policy.privacy.retention.heading")}</h2>
      <p>{t("policy.privacy.retention.text")}</p>
      <ul className="policy-retention">
        {RETENTION_KINDS.map((kind) => (
          <li key={kind}>
            {t(`retention.kind.${kind}`)}: {retention[kind]} {t(`retention.unit.${RETENTION_RULES[kind].unit}`)}
          </li>
        ))}
        <li>
          {t("retention.kind.audit_log")}: {AUDIT_LOG_RETENTION_MONTHS} {t("retention.unit.months")}
        </li>
      </ul>
      <p>{t("policy.privacy.retention.auditLog")}</p>

      <h2>{t("policy.privacy.rights.heading")}</h2>
      <p>{t("policy.privacy.rights.intro")}</p>
      <ul>
        <li>
          {t("policy.privacy.rights.access")} <Link to="/mina-sidor/mina-uppgifter">{t("policy.privacy.rights.accessLink")}</Link>
        </li>
        <li>{t("policy.privacy.rights.correction")}</li>
        <li>
          {t("policy.privacy.rights.other")} {mail}.
        </li>
      </ul>

      <h2>{t("policy.privacy.complaint.heading")}</h2>
      <p>{t("policy.privacy.complaint.text")}</p>
      <p>
        <a href="https://www.imy.se/">{t("policy.privacy.complaint.link")}</a>
      </p>

      <h2>{t("policy.privacy.cookies.heading")}</h2>
      <p>{t("policy.privacy.cookies.intro")}</p>
      <dl className="policy-cookies">
        {cookies.map((c) => (
          <div key={c.name} className="policy-cookies__item">
            <dt>
              <code>{c.name}</code>
            </dt>
            <dd>{c.purpose}</dd>
            <dd>
              <span className="policy-cookies__label">{t("policy.privacy.cookies.lifetime")}:</span> {c.life}
            </dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
