import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Field, SelectField } from "~/components/field";
import { ParticipantTable } from "~/components/participant-table";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { requireSeriesPermission } from "~/lib/permissions.server";
import { suggestRoleCategory } from "~/lib/role-suggestion";
import { email, optionalText, requiredText } from "~/lib/schemas";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { findPersonByEmail, listParticipantsWithOrganisation, registerParticipant, seriesMunicipalities } from "~/models/participant.server";
import { getSeries } from "~/models/series.server";
import { LEVELS, ROLE_CATEGORIES, SECTORS } from "../../db/schema";

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

const RegisterSchema = z.object({
  name: requiredText(200),
  email,
  workplace: optionalText(300),
  organisationId: z.coerce.number().int().nonnegative("participants.municipalityInvalid").optional(),
  sector: z.enum(SECTORS, { errorMap: () => ({ message: "participants.sectorInvalid" }) }),
  roleCategory: z.union([z.enum(ROLE_CATEGORIES), z.literal("")], { errorMap: () => ({ message: "participants.roleInvalid" }) }),
  jobTitle: optionalText(200),
  level: z.union([z.enum(LEVELS), z.literal("")], { errorMap: () => ({ message: "participants.levelInvalid" }) }),
});

const FIELDS = ["name", "email", "workplace", "organisationId", "sector", "roleCategory", "jobTitle", "level"];

export async function action({ request, params }: ActionFunctionArgs) {
  const { seriesId } = await requireSeriesPermission(request, params.seriesId, "update", "participants");
  const t = await getTranslator(request);
  const formData = await request.formData();
  const values = Object.fromEntries(FIELDS.map((f) => [f, String(formData.get(f) ?? "").slice(0, 400)]));
  const parsed = parseFormData(RegisterSchema, formData, t);
  if (!parsed.ok) return json({ errors: parsed.errors, values }, { status: 400 });
  const data = parsed.data;
  const municipalities = seriesMunicipalities({ seriesId }).map((m) => m.id);
  const organisationId = data.organisationId || municipalities[0] || null;
  if (organisationId !== null && !municipalities.includes(organisationId)) {
    return json({ errors: { organisationId: t("participants.municipalityInvalid") } as FieldErrors, values }, { status: 400 });
  }
  const { outcome } = registerParticipant({
    seriesId,
    person: {
      name: data.name,
      email: data.email,
      workplace: data.workplace,
      organisationId,
      sector: data.sector,
      roleCategory: data.roleCategory || suggestRoleCategory(data.jobTitle) || "annat",
      jobTitle: data.jobTitle,
      level: data.level || null,
    },
  });
  const params_ = new URLSearchParams({ resultat: outcome, epost: data.email });
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
          <Field label={t("participants.name")} name="name" type="text" autoComplete="off" defaultValue={v?.name} error={errors.name} />
          <Field label={t("participants.email")} name="email" type="email" autoComplete="off" defaultValue={v?.email} error={errors.email} />
          <Field label={t("participants.workplace")} name="workplace" type="text" defaultValue={v?.workplace} error={errors.workplace} />
          {municipalities.length > 1 ? (
            <SelectField
              label={t("participants.municipality")}
              name="organisationId"
              options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
              defaultValue={v?.organisationId}
              error={errors.organisationId}
            />
          ) : null}
          <SelectField
            label={t("participants.sector")}
            name="sector"
            options={SECTORS.map((s) => ({ value: s, label: t(`sector.${s}`) }))}
            defaultValue={v?.sector ?? "skola"}
            error={errors.sector}
          />
          <Field label={t("participants.jobTitle")} name="jobTitle" type="text" defaultValue={v?.jobTitle} error={errors.jobTitle} />
          <SelectField
            label={t("participants.roleCategory")}
            name="roleCategory"
            help={t("participants.roleHelp")}
            options={[{ value: "", label: t("participants.roleSuggest") }, ...ROLE_CATEGORIES.map((r) => ({ value: r, label: t(`roleCategory.${r}`) }))]}
            defaultValue={v?.roleCategory ?? ""}
            error={errors.roleCategory}
          />
          <SelectField
            label={t("participants.level")}
            name="level"
            options={[{ value: "", label: t("participants.levelNone") }, ...LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))]}
            defaultValue={v?.level ?? ""}
            error={errors.level}
          />
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
