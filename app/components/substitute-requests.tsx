import type React from "react";
/**
 * Substitutes named by participants in the portal, for staff: the pending
 * ones with "Bekräfta" and "Avvisa", and the confirmed ones with whether the
 * colleague has arrived. Shown on a session's page and on its roster. The
 * forms post to the substitution's own route, which also shows a form again
 * with its errors (works without JavaScript).
 */
import { Form, Link } from "@remix-run/react";
import { Field, FormError, SelectField, TextAreaField } from "~/components/field";
import { useT } from "~/i18n";
import { formatDate, formatDateTime } from "~/lib/format";
import type { FieldErrors } from "~/lib/validation";
import type { StaffSubstitution } from "~/models/substitution.server";
import { ROLE_CATEGORIES, SECTORS, type AttendanceStatus } from "../../db/schema";

/** What a loader sends (dates may arrive as strings). */
export type SubstitutionView = Omit<StaffSubstitution, "createdAt" | "handledAt"> & { createdAt: Date | string; handledAt: Date | string | null };

export type SubstituteFrom = "tillfalle" | "narvaro";

export function substitutionPath(basePath: string, id: number) {
  return `${basePath}/foreslagna-ersattare/${id}`;
}

/** Who cannot come, the colleague named and when; `children` adds rows (the handling page adds the status). */
export function Colleague({ s, children }: { s: Pick<SubstitutionView, "forPerson" | "name" | "email" | "workplace" | "createdAt">; children?: React.ReactNode }) {
  const t = useT();
  return (
    <dl className="meta-list substitute-card__facts">
      <dt>{t("substituteStaff.substitute.absent")}</dt>
      <dd>
        {s.forPerson.name} ({t(`sector.${s.forPerson.sector}`)}
        {s.forPerson.organisation ? `, ${s.forPerson.organisation}` : ""})
      </dd>
      <dt>{t("substituteStaff.substitute.colleague")}</dt>
      <dd>
        {s.name}, <span className="break-anywhere">{s.email}</span>, {s.workplace ?? t("substituteStaff.substitute.noWorkplace")}
      </dd>
      <dt>{t("substituteStaff.substitute.namedAt")}</dt>
      <dd>{formatDateTime(new Date(s.createdAt))}</dd>
      {children}
    </dl>
  );
}

/** Confirm and reject for one pending substitute; `errors`/`values` come back from a refused post. */
export function PendingActions({
  s,
  basePath,
  from,
  errors = {},
  values = {},
  intent,
}: {
  s: SubstitutionView;
  basePath: string;
  from: SubstituteFrom;
  errors?: FieldErrors;
  values?: Record<string, string>;
  intent?: string;
}) {
  const t = useT();
  const action = substitutionPath(basePath, s.id);
  const names = { substitute: s.name, absent: s.forPerson.name };
  const confirmErrors = intent === "confirm" ? errors : {};
  const rejectErrors = intent === "reject" ? errors : {};
  return (
    <div className="substitute-card__actions">
      <Form method="post" action={action} className="stack substitute-card__confirm" noValidate>
        <input type="hidden" name="intent" value="confirm" />
        <input type="hidden" name="from" value={from} />
        <FormError message={confirmErrors.form} />
        {s.existingPerson ? (
          <p className="help">{t("substituteStaff.substitute.existing", { name: s.existingPerson.name, sector: t(`sector.${s.existingPerson.sector}`) })}</p>
        ) : (
          <>
            <SelectField
              id={`substitute-${s.id}-sector`}
              label={t("substituteStaff.substitute.sector")}
              name="sector"
              help={t("substituteStaff.substitute.sectorHelp", { absent: s.forPerson.name })}
              options={SECTORS.map((v) => ({ value: v, label: t(`sector.${v}`) }))}
              defaultValue={values.sector ?? s.forPerson.sector}
              error={confirmErrors.sector}
            />
            <Field
              id={`substitute-${s.id}-jobTitle`}
              label={t("substituteStaff.substitute.jobTitle")}
              name="jobTitle"
              type="text"
              defaultValue={values.jobTitle ?? ""}
              error={confirmErrors.jobTitle}
            />
            <SelectField
              id={`substitute-${s.id}-roleCategory`}
              label={t("substituteStaff.substitute.roleCategory")}
              name="roleCategory"
              help={t("participants.roleHelp")}
              options={[{ value: "", label: t("participants.roleSuggest") }, ...ROLE_CATEGORIES.map((r) => ({ value: r, label: t(`roleCategory.${r}`) }))]}
              defaultValue={values.roleCategory ?? ""}
              error={confirmErrors.roleCategory}
            />
          </>
        )}
        <div>
          <button type="submit" className="button" aria-label={t("substituteStaff.substitute.confirmLabel", names)}>
            {t("substituteStaff.substitute.confirm")}
          </button>
        </div>
      </Form>
      <details className="substitute-card__reject" open={intent === "reject" ? true : undefined}>
        <summary>{t("substituteStaff.substitute.rejectOpen")}</summary>
        <Form method="post" action={action} className="stack" noValidate>
          <input type="hidden" name="intent" value="reject" />
          <input type="hidden" name="from" value={from} />
          <FormError message={rejectErrors.form} />
          <TextAreaField
            id={`substitute-${s.id}-reason`}
            label={t("substituteStaff.substitute.reason")}
            name="reason"
            help={t("substituteStaff.substitute.reasonHelp", { absent: s.forPerson.name })}
            maxLength={500}
            defaultValue={values.reason ?? ""}
            error={rejectErrors.reason}
          />
          <div>
            <button type="submit" className="button button--secondary" aria-label={t("substituteStaff.substitute.rejectLabel", names)}>
              {t("substituteStaff.substitute.reject")}
            </button>
          </div>
        </Form>
      </details>
    </div>
  );
}

/** Where a confirmed colleague stands: expected, or marked on the roster. */
export function arrivalText(s: SubstitutionView, t: ReturnType<typeof useT>) {
  if (!s.arrivedStatus) return t("substituteStaff.substitute.expected", { absent: s.forPerson.name });
  return t("substituteStaff.substitute.arrived", { status: t(`attendanceStatus.${s.arrivedStatus as AttendanceStatus}`), absent: s.forPerson.name });
}

function ConfirmedItem({ s, basePath, canRecordArrival }: { s: SubstitutionView; basePath: string; canRecordArrival: boolean }) {
  const t = useT();
  return (
    <li className="card substitute-card substitute-card--confirmed">
      <h4 className="substitute-card__title">{t("substituteStaff.substitute.heading", { substitute: s.name, absent: s.forPerson.name })}</h4>
      <p>
        <span className={`substitute-status ${s.arrivedStatus ? "substitute-status--arrived" : "substitute-status--expected"}`}>{arrivalText(s, t)}</span>
      </p>
      <p className="help">
        <span className="break-anywhere">{s.email}</span>
        {s.handledAt ? ` · ${t("substituteStaff.substitute.handled", { date: formatDate(new Date(s.handledAt)), name: s.handledBy ?? "–" })}` : ""}
      </p>
      {!s.arrivedStatus && canRecordArrival ? (
        <Form method="post" action={substitutionPath(basePath, s.id)}>
          <input type="hidden" name="intent" value="arrived" />
          <input type="hidden" name="from" value="narvaro" />
          <button
            type="submit"
            className="button button--small"
            aria-label={t("substituteStaff.substitute.recordArrivalLabel", { substitute: s.name, absent: s.forPerson.name })}
          >
            {t("substituteStaff.substitute.recordArrival")}
          </button>
        </Form>
      ) : null}
    </li>
  );
}

export function SubstituteRequests({
  substitutions,
  basePath,
  from,
  canUpdate,
  notice,
}: {
  substitutions: SubstitutionView[];
  basePath: string;
  from: SubstituteFrom;
  canUpdate: boolean;
  notice: { kind: string | null; id: number };
}) {
  const t = useT();
  const pending = substitutions.filter((s) => s.status === "foreslagen");
  const confirmed = substitutions.filter((s) => s.status === "bekraftad");
  const noticed = substitutions.find((s) => s.id === notice.id);
  return (
    <section id="foreslagna-ersattare" className="substitute-requests" aria-labelledby="foreslagna-ersattare-title">
      <h2 id="foreslagna-ersattare-title">{t("substituteStaff.substitute.title")}</h2>
      {noticed && notice.kind === "bekraftad" ? (
        <div className="notice notice--ok" role="status">
          {t("substituteStaff.substitute.notice.confirmed", { substitute: noticed.name, absent: noticed.forPerson.name, email: noticed.email })}
        </div>
      ) : null}
      {noticed && notice.kind === "avvisad" ? (
        <div className="notice notice--ok" role="status">
          {t("substituteStaff.substitute.notice.rejected", { absent: noticed.forPerson.name })}
        </div>
      ) : null}
      <p className="help">{t("substituteStaff.substitute.intro")}</p>
      {pending.length === 0 ? (
        <p className="empty">{t("substituteStaff.substitute.empty")}</p>
      ) : (
        <ul className="substitute-list">
          {pending.map((s) => (
            <li key={s.id} className="card substitute-card">
              <h3 className="substitute-card__title">{t("substituteStaff.substitute.heading", { substitute: s.name, absent: s.forPerson.name })}</h3>
              <Colleague s={s} />
              {canUpdate ? <PendingActions s={s} basePath={basePath} from={from} /> : null}
            </li>
          ))}
        </ul>
      )}
      {confirmed.length > 0 ? (
        <>
          <h3>{t("substituteStaff.substitute.confirmedTitle")}</h3>
          {from === "tillfalle" && canUpdate && confirmed.some((s) => !s.arrivedStatus) ? (
            <p className="help">
              <Link to={`${basePath}/narvaro#foreslagna-ersattare`}>{t("substituteStaff.substitute.openRosterToRecord")}</Link>
            </p>
          ) : null}
          <ul className="substitute-list">
            {confirmed.map((s) => (
              <ConfirmedItem key={s.id} s={s} basePath={basePath} canRecordArrival={canUpdate && from === "narvaro"} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
