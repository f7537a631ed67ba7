/**
 * One substitute named by a participant: confirm, reject, or record the
 * confirmed colleague's arrival. The forms live on the session page and the
 * roster; this page shows the proposal again with the field errors when a
 * post is refused. Permission: the same as registering a substitute on the
 * roster (update attendance); another municipality's ids give 404, sponsors 403.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { arrivalText, Colleague, PendingActions, type SubstituteFrom } from "~/components/substitute-requests";
import { isMessageKey, useT, type MessageKey } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { formatDate } from "~/lib/format";
import { requireOccasion } from "~/lib/occasion.server";
import { optionalText } from "~/lib/schemas";
import { sendSubstituteConfirmedMails, sendSubstituteRejectedMail } from "~/lib/substitute-mail.server";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import {
  confirmSubstitute,
  getSessionSubstitution,
  recordConfirmedArrival,
  rejectSubstitute,
} from "~/models/substitution.server";
import { ROLE_CATEGORIES, SECTORS } from "../../db/schema";
import { staffAudit } from "~/models/audit-log.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Föreslagen ersättare: ${data.substitution.name} – Processtöd` : "Processtöd" },
];

function notFound(): never {
  throw json({ message: "not-found" }, { status: 404 });
}

async function requireSubstitution(request: Request, params: LoaderFunctionArgs["params"]) {
  const { user, scope, details } = await requireOccasion(request, params, "update");
  if (details.occasion.kind !== "session") notFound();
  const { seriesId, sessionId } = details.occasion;
  const substitution = getSessionSubstitution({ seriesId, sessionId, substitutionId: Number(params.substitutionId), scope });
  if (!substitution) notFound();
  return { user, scope, details, seriesId, sessionId, substitution };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { details, substitution } = await requireSubstitution(request, params);
  const from: SubstituteFrom = new URL(request.url).searchParams.get("fran") === "narvaro" ? "narvaro" : "tillfalle";
  return { details, substitution, from };
}

const ConfirmSchema = z.object({
  sector: z
    .union([z.enum(SECTORS), z.literal("")], { errorMap: () => ({ message: "substituteStaff.substitute.error.sectorInvalid" }) })
    .optional()
    .transform((v) => v || null),
  roleCategory: z
    .union([z.enum(ROLE_CATEGORIES), z.literal("")], { errorMap: () => ({ message: "substituteStaff.substitute.error.roleInvalid" }) })
    .optional()
    .transform((v) => v || null),
  jobTitle: optionalText(200),
});
const RejectSchema = z.object({ reason: optionalText(500) });

type ActionData = { intent: string; errors: FieldErrors; values: Record<string, string> };

function values(formData: FormData, names: string[]) {
  return Object.fromEntries(names.map((n) => [n, String(formData.get(n) ?? "").slice(0, 600)]));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, scope, details, seriesId, sessionId, substitution } = await requireSubstitution(request, params);
  const t = await getTranslator(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const from: SubstituteFrom = formData.get("from") === "narvaro" ? "narvaro" : "tillfalle";
  const back = (flag: string) =>
    redirect(`${from === "narvaro" ? `${details.basePath}/narvaro` : details.basePath}?forslag=${flag}&id=${substitution.id}#foreslagna-ersattare`);
  const refuse = (errors: FieldErrors, names: string[]) => json<ActionData>({ intent, errors, values: values(formData, [...names, "from"]) }, { status: 400 });
  const handler = { name: user.name, email: user.email };

  if (intent === "confirm") {
    const fields = ["sector", "roleCategory", "jobTitle"];
    const parsed = parseFormData(ConfirmSchema, formData, t);
    if (!parsed.ok) return refuse(parsed.errors, fields);
    const result = confirmSubstitute({ seriesId, sessionId, substitutionId: substitution.id, scope, details: parsed.data, handledById: user.id, audit: staffAudit(user, context) });
    if (!result.ok) {
      if (result.problem === "notFound") notFound();
      const message = isMessageKey(result.problem) ? t(result.problem as MessageKey, { name: result.name ?? "" }) : t("form.invalidRequest");
      return refuse(result.problem === "substituteStaff.substitute.error.sectorRequired" ? { sector: message } : { form: message }, fields);
    }
    await sendSubstituteConfirmedMails({
      request,
      seriesId,
      sessionId,
      substitution,
      substitutePersonId: result.substitutePersonId,
      absentEmail: substitution.forPerson.email,
      handler,
    });
    return back("bekraftad");
  }

  if (intent === "reject") {
    const parsed = parseFormData(RejectSchema, formData, t);
    if (!parsed.ok) return refuse(parsed.errors, ["reason"]);
    const result = rejectSubstitute({ seriesId, sessionId, substitutionId: substitution.id, scope, handledById: user.id, audit: staffAudit(user, context) });
    if (!result.ok) {
      if (result.problem === "notFound") notFound();
      return refuse({ form: t(result.problem) }, ["reason"]);
    }
    await sendSubstituteRejectedMail({ seriesId, sessionId, substitution, absentEmail: substitution.forPerson.email, reason: parsed.data.reason, handler });
    return back("avvisad");
  }

  if (intent === "arrived") {
    const result = recordConfirmedArrival({ seriesId, sessionId, substitutionId: substitution.id, scope, userId: user.id, audit: staffAudit(user, context) });
    if (!result.ok) {
      if (result.problem === "notFound") notFound();
      return refuse({ form: t(result.problem as MessageKey, { name: substitution.name }) }, []);
    }
    return redirect(`${details.basePath}/narvaro?klart=ersattare&person=${result.substitutePersonId}`);
  }

  return json<ActionData>({ intent, errors: { form: t("form.invalidRequest") }, values: {} }, { status: 400 });
}

export default function SubstitutionPage() {
  const { details, substitution: s, from } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const backPath = from === "narvaro" ? `${details.basePath}/narvaro` : details.basePath;
  const formFrom = (actionData?.values && "from" in actionData.values ? actionData.values.from : from) as SubstituteFrom;
  return (
    <>
      <p>
        <Link to={`${backPath}#foreslagna-ersattare`}>← {details.title}</Link>
      </p>
      <h1>{t("substituteStaff.substitute.pageTitle", { substitute: s.name })}</h1>
      <p className="lead">
        {details.seriesNames.join(", ")} · {formatDate(new Date(details.startsAt))}
      </p>
      {actionData?.errors && Object.keys(actionData.errors).length > 0 ? (
        <div className="notice notice--error" role="alert">
          {actionData.errors.form ?? t("substituteStaff.substitute.error.summary")}
        </div>
      ) : null}
      <section className="card substitute-card" aria-labelledby="substitute-title">
        <h2 id="substitute-title" className="substitute-card__title">
          {t("substituteStaff.substitute.heading", { substitute: s.name, absent: s.forPerson.name })}
        </h2>
        <Colleague s={s}>
          <dt>{t("substituteStaff.substitute.status")}</dt>
          <dd>{s.status === "bekraftad" ? arrivalText(s, t) : t(`substituteStaff.substitute.statusLabel.${s.status}`)}</dd>
        </Colleague>
        {s.status === "foreslagen" ? (
          <PendingActions s={s} basePath={details.basePath} from={formFrom} errors={actionData?.errors} values={actionData?.values} intent={actionData?.intent} />
        ) : null}
      </section>
    </>
  );
}
