/**
 * Mina uppgifter: every piece of personal data stored about the signed-in
 * participant, downloads as JSON and CSV, and the form to ask for a
 * correction or erasure (issue #8 item 6, decision 011).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useId } from "react";
import type { DataRequestKind } from "../../db/schema";
import { FormError, TextAreaField } from "~/components/field";
import { PortalShell } from "~/components/portal-shell";
import { useLocale, useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { DataRequestSchema, MAX_DATA_REQUEST_TEXT } from "~/lib/data-request-form";
import { mailNewDataRequest } from "~/lib/data-requests.server";
import { formatNumber } from "~/lib/format";
import { myDataSections, type MyDataSection } from "~/lib/my-data";
import { requireParticipant } from "~/lib/participant-auth.server";
import { publicUrl } from "~/lib/urls.server";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { createDataRequest } from "~/models/data-request.server";
import { gatherMyData } from "~/models/my-data.server";
import { participantAudit } from "~/models/audit-log.server";

export const meta: MetaFunction = () => [{ title: "Mina uppgifter – Mina sidor – Processtöd" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const participant = await requireParticipant(request);
  const data = gatherMyData({ personId: participant.id });
  if (!data) throw json({ message: "not-found" }, { status: 404 });
  const param = new URL(request.url).searchParams.get("skickad");
  const sent: DataRequestKind | null = param === "rattelse" || param === "radering" ? param : null;
  return json(
    { name: participant.name, data, sent },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type ActionData = { errors: FieldErrors; values: { kind: string; message: string } };

export async function action({ request, context }: ActionFunctionArgs) {
  const participant = await requireParticipant(request);
  const t = await getTranslator(request);
  const formData = await request.formData();
  const parsed = parseFormData(DataRequestSchema, formData, t);
  if (!parsed.ok) {
    const values = { kind: String(formData.get("kind") ?? ""), message: String(formData.get("message") ?? "").slice(0, MAX_DATA_REQUEST_TEXT + 100) };
    return json<ActionData>({ errors: parsed.errors, values }, { status: 400 });
  }
  const created = createDataRequest({ personId: participant.id, kind: parsed.data.kind, message: parsed.data.message, audit: participantAudit(participant.id, context) });
  if (!created) throw json({ message: "not-found" }, { status: 404 });
  await mailNewDataRequest({
    recipients: created.recipients,
    requesterName: participant.name,
    kind: parsed.data.kind,
    queueUrl: publicUrl(request, "/personuppgiftsbegaran"),
  });
  return redirect(`/mina-sidor/mina-uppgifter?skickad=${parsed.data.kind}#begaran`);
}

/** Sections whose meaning needs a sentence of explanation. */
const SECTION_NOTES: Partial<Record<MyDataSection["key"], "surveys" | "mails" | "signIn" | "checkin" | "changes">> = {
  surveyLinks: "surveys",
  mails: "mails",
  signIn: "signIn",
  checkinLink: "checkin",
  attendanceChanges: "changes",
};

function Section({ section }: { section: MyDataSection }) {
  const t = useT();
  const headingId = `uppgifter-${section.key}`;
  const note = SECTION_NOTES[section.key];
  return (
    <section className="my-data-section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {section.title} <span className="my-data-count">({section.records.length})</span>
      </h2>
      {note ? <p className="my-data-note">{t(`portalData.note.${note}`)}</p> : null}
      {section.records.length === 0 ? (
        <p className="empty">{t("portalData.none")}</p>
      ) : (
        <ol className="my-data-records">
          {section.records.map((rec, index) => (
            <li key={index} className="portal-card my-data-record">
              <dl>
                {rec.fields.map((field) => (
                  <div key={field.label} className="my-data-field">
                    <dt>{field.label}</dt>
                    <dd>{field.value === null || field.value === "" ? <>
                        <span aria-hidden="true">–</span>
                        <span className="visually-hidden">{t("portalData.emptyValue")}</span>
                      </> : field.value}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function RequestForm() {
  const t = useT();
  const locale = useLocale();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = actionData?.errors ?? {};
  const values = actionData?.values;
  const legendId = useId();
  return (
    <Form method="post" className="stack my-data-request-form" noValidate>
      {actionData ? <FormError message={t("form.errorSummary")} /> : null}
      <fieldset className="field" aria-describedby={errors.kind ? "field-kind-error" : undefined}>
        <legend id={legendId}>{t("portalData.request.kind")}</legend>
        {(["rattelse", "radering"] as const).map((kind) => (
          <label key={kind} className="my-data-radio">
            <input
              type="radio"
              name="kind"
              value={kind}
              defaultChecked={values?.kind === kind}
              aria-invalid={errors.kind ? true : undefined}
            />
            <span>{t(`portalData.kind.${kind}`)}</span>
          </label>
        ))}
        {errors.kind ? (
          <p className="error" id="field-kind-error">
            {errors.kind}
          </p>
        ) : null}
      </fieldset>
      <TextAreaField
        label={t("portalData.request.message")}
        name="message"
        help={t("portalData.request.messageHelp", { max: formatNumber(MAX_DATA_REQUEST_TEXT, locale) })}
        error={errors.message}
        defaultValue={values?.message}
        maxLength={MAX_DATA_REQUEST_TEXT}
        rows={5}
      />
      <p className="my-data-note">{t("portalData.request.erasureNote")}</p>
      <button type="submit" className="button portal-button" disabled={navigation.state === "submitting"}>
        {t("portalData.request.submit")}
      </button>
    </Form>
  );
}

export default function MyDataPage() {
  const { name, data, sent } = useLoaderData<typeof loader>();
  const t = useT();
  const sections = myDataSections(data, t);
  return (
    <PortalShell name={name} title={t("portalData.title")}>
      <p>{t("portalData.intro")}</p>
      <p className="my-data-note">{t("portalData.anonymousSurveys")}</p>
      <div className="my-data-downloads">
        <a className="button button--secondary portal-button" href="/mina-sidor/mina-uppgifter.json" download>
          {t("portalData.download.json")}
        </a>
        <a className="button button--secondary portal-button" href="/mina-sidor/mina-uppgifter.csv" download>
          {t("portalData.download.csv")}
        </a>
      </div>
      <p>
        <a href="#begaran" className="my-data-jump">
          {t("portalData.request.jump")}
        </a>
      </p>
      {sections.map((section) => (
        <Section key={section.key} section={section} />
      ))}
      <section className="my-data-section" aria-labelledby="begaran">
        <h2 id="begaran" tabIndex={-1}>
          {t("portalData.request.title")}
        </h2>
        {sent ? (
          <div className="notice notice--ok" role="status">
            {t(`portalData.request.sent.${sent}`)}
          </div>
        ) : null}
        <p>{t("portalData.request.intro")}</p>
        <RequestForm />
      </section>
    </PortalShell>
  );
}
