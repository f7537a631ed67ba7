/**
 * Adding people to a roster at the door: a substitute who takes an enrolled
 * person's seat, or a walk-in who was not enrolled. Both are described with
 * the same fields as any participant. Shared by session and exchange routes.
 */
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getTranslator } from "~/i18n/locale.server";
import type { MessageKey } from "~/i18n";
import { listRoster, recordSubstitute, recordWalkIn } from "~/models/attendance.server";
import { findPersonByEmail, seriesMunicipalities } from "~/models/participant.server";
import { staffAudit } from "~/models/audit-log.server";
import { requireOccasion } from "./occasion.server";
import { parsePersonForm, personFormValues } from "./person-form.server";
import type { FieldErrors } from "./validation";

function notFound(): never {
  throw json({ message: "not-found" }, { status: 404 });
}

/** The enrolled person whose seat is to be filled; 404 unless it can be. */
function absentRow(rows: ReturnType<typeof listRoster>, personId: number) {
  const row = rows.find((r) => r.personId === personId);
  if (!row || !row.enrolled || row.substitutedBy) notFound();
  return row;
}

export async function substituteLoader({ request, params }: LoaderFunctionArgs) {
  const { scope, details } = await requireOccasion(request, params, "update");
  const personId = Number(new URL(request.url).searchParams.get("for"));
  const absent = absentRow(listRoster({ occasion: details.occasion, scope }), personId);
  return {
    details,
    absent: { personId: absent.personId, name: absent.name, sector: absent.sector, organisation: absent.organisation, status: absent.status },
    municipalities: seriesMunicipalities({ seriesId: absent.seriesId }),
  };
}

export async function substituteAction({ request, params, context }: ActionFunctionArgs) {
  const { user, scope, details } = await requireOccasion(request, params, "update");
  const t = await getTranslator(request);
  const formData = await request.formData();
  const absent = absentRow(listRoster({ occasion: details.occasion, scope }), Number(formData.get("for")));
  const values = personFormValues(formData);
  const parsed = parsePersonForm(formData, absent.seriesId, t);
  if (!parsed.ok) return json({ errors: parsed.errors as FieldErrors, values }, { status: 400 });
  const result = recordSubstitute({ occasion: details.occasion, scope, absentPersonId: absent.personId, substitute: parsed.person, actor: { userId: user.id, audit: staffAudit(user, context) } });
  if (!result.ok) {
    // Name the person as the system knows them when the e-mail belongs to someone registered.
    const name = findPersonByEmail({ email: parsed.person.email })?.name ?? parsed.person.name;
    const error = t(result.problem as MessageKey, { name });
    return json({ errors: { email: error } as FieldErrors, values }, { status: 400 });
  }
  return redirect(`${details.basePath}/narvaro?klart=ersattare&person=${result.substitutePersonId}`);
}

export async function walkInLoader({ request, params }: LoaderFunctionArgs) {
  const { details } = await requireOccasion(request, params, "update");
  return {
    details,
    municipalities: details.series.flatMap((s) => seriesMunicipalities({ seriesId: s.id })),
  };
}

export async function walkInAction({ request, params, context }: ActionFunctionArgs) {
  const { user, scope, details } = await requireOccasion(request, params, "update");
  const t = await getTranslator(request);
  const formData = await request.formData();
  const values = { ...personFormValues(formData), seriesId: String(formData.get("seriesId") ?? "") };
  // At the exchange the walk-in comes through one of the linked series; a session has one.
  const seriesId = details.series.length === 1 ? details.series[0].id : Number(formData.get("seriesId"));
  if (!details.series.some((s) => s.id === seriesId)) {
    return json({ errors: { seriesId: t("walkIn.seriesInvalid") } as FieldErrors, values }, { status: 400 });
  }
  const parsed = parsePersonForm(formData, seriesId, t);
  if (!parsed.ok) return json({ errors: parsed.errors as FieldErrors, values }, { status: 400 });
  const result = recordWalkIn({ occasion: details.occasion, scope, seriesId, person: parsed.person, actor: { userId: user.id, audit: staffAudit(user, context) } });
  if (!result.ok) {
    return json({ errors: { email: t(result.problem, { name: parsed.person.name }) } as FieldErrors, values }, { status: 400 });
  }
  return redirect(`${details.basePath}/narvaro?klart=paPlats&person=${result.personId}`);
}
