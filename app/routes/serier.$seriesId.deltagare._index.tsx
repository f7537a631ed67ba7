import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { PersonFields } from "~/components/person-fields";
import { ParticipantTable } from "~/components/participant-table";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { requireSeriesPermission } from "~/lib/permissions.server";
import { parsePersonForm, personFormValues } from "~/lib/person-form.server";
import type { FieldErrors } from "~/lib/validation";
import { listParticipantsWithOrganisation, registerParticipant, seriesMunicipalities } from "~/models/participant.server";
import { getSeries } from "~/models/series.server";
import { staffAudit } from "~/models/audit-log.server";

export const meta: MetaFunction = () => [{ title: "Deltagare – Processtöd" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, seriesId } = await requireSeriesPermission(request, params.seriesId, "read", "participants");
  const series = getSeries({ seriesId, scope })!;
  return {
    series: { id: series.id, name: series.name },
    municipalities: seriesMunicipalities({ seriesId }),
    participants: listParticipantsWithOrganisation({ seriesId, scope }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, seriesId } = await requireSeriesPermission(request, params.seriesId, "update", "participants");
  const t = await getTranslator(request);
  const formData = await request.formData();
  const values = personFormValues(formData);
  const parsed = parsePersonForm(formData, seriesId, t);
  if (!parsed.ok) return json({ errors: parsed.errors as FieldErrors, values }, { status: 400 });
  const { outcome } = registerParticipant({ seriesId, person: parsed.person, audit: staffAudit(user, context) });
  const params_ = new URLSearchParams({ resultat: outcome, epost: parsed.person.email });
  return redirect(`/serier/${seriesId}/deltagare?${params_}`);
}

function Outcome() {
  const [searchParams] = useSearchParams();
  const { participants } = useLoaderData<typeof loader>();
  const t = useT();
  const outcome = searchParams.get("resultat");
  const address = searchParams.get("epost") ?? "";
  const person = participants.find((p) => p.email.toLowerCase() === address.toLowerCase());
  if (!outcome || !person) return null;
  const details = [
    person.workplace,
    t(`sector.${person.sector}`),
    t(`roleCategory.${person.roleCategory}`),
    person.jobTitle,
  ]
    .filter(Boolean)
    .join(", ");
  const text =
    outcome === "created"
      ? t("participants.created", { name: person.name })
      : outcome === "linked"
        ? t("participants.linked", { email: person.email, name: person.name, details })
        : t("participants.alreadyEnrolled", { name: person.name, email: person.email });
  return (
    <div className={`notice ${outcome === "created" ? "notice--ok" : "notice--warn"}`} role="status">
      {text}
    </div>
  );
}

export default function Participants() {
  const { series, municipalities, participants } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const t = useT();
  const errors = actionData?.errors ?? {};
  const v = actionData?.values;
  return (
    <>
      <p>
        <Link to={`/serier/${series.id}`}>← {t("session.backToSeries")}</Link>
      </p>
      <h1>{t("participants.title", { series: series.name })}</h1>
      <p className="lead">{t("participants.intro")}</p>
      <Outcome />
      <p className="link-row">
        <Link to={`/serier/${series.id}/deltagare/import`}>{t("participants.import")}</Link>
        <a href={`/serier/${series.id}/deltagare.csv`} download>
          {t("participants.export")}
        </a>
      </p>

      <section className="card" aria-labelledby="register-title">
        <h2 id="register-title">{t("participants.registerTitle")}</h2>
        {actionData ? (
          <div className="notice notice--error" role="alert">
            {t("form.errorSummary")}
          </div>
        ) : null}
        {/* A new key after each registration empties the form for the next person. */}
        <Form key={location.key} method="post" className="stack" noValidate>
          <PersonFields municipalities={municipalities} values={v} errors={errors} />
          <div>
            <button type="submit" className="button">
              {t("participants.submit")}
            </button>
          </div>
        </Form>
      </section>

      <h2>{t("participants.listTitle", { count: participants.length })}</h2>
      {participants.length === 0 ? (
        <p className="empty">{t("participants.empty")}</p>
      ) : (
        <ParticipantTable participants={participants} contact />
      )}
    </>
  );
}
