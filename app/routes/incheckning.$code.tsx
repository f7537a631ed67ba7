import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CheckinCodeForm, CheckinShell, ForgetMeForm, OccasionSummary, WindowMessage, type OccasionView } from "~/components/checkin-public";
import { Field, FormError } from "~/components/field";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { normalizeCheckinCode } from "~/lib/attendance-rules";
import { firstName } from "~/lib/checkin-helpers";
import {
  checkinCodeLockMinutes,
  checkinLockMinutes,
  cookiePerson,
  countCheckinFailure,
  countRosterFailure,
  publicOccasion,
  retryAfter,
  statusOnArrival,
} from "~/lib/checkin.server";
import { formatTime } from "~/lib/format";
import { email } from "~/lib/schemas";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { checkIn, findByCheckinCode, personIdByEmail } from "~/models/attendance.server";
import { participantAudit } from "~/models/audit-log.server";

export const meta: MetaFunction = () => [{ title: "Incheckning – Processtöd" }, { name: "robots", content: "noindex" }];

/**
 * Public: the page a code (typed, or read from the QR code at the venue)
 * leads to. It shows only the session itself, never who is on its roster.
 * A made-up code counts as a failed attempt for the caller's IP address.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ip = context.clientIp ?? "";
  const minutes = checkinLockMinutes({ ip });
  if (minutes) return json({ kind: "locked" as const, minutes }, { status: 429, headers: retryAfter(minutes) });
  const code = normalizeCheckinCode(params.code ?? "");
  const target = findByCheckinCode(code);
  if (!target) {
    countCheckinFailure({ ip });
    return json({ kind: "unknown" as const, code: (params.code ?? "").slice(0, 20) }, { status: 400 });
  }
  // ?epost=1: someone else checks in on a phone linked to another person.
  const person = new URL(request.url).searchParams.has("epost") ? null : await cookiePerson(request);
  return json({ kind: "occasion" as const, occasion: publicOccasion(code, target), person: person ? { name: firstName(person.name) } : null });
}

const EmailSchema = z.object({ email });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = await getTranslator(request);
  const ip = context.clientIp ?? "";
  const now = new Date();
  const formData = await request.formData();
  const minutes = checkinLockMinutes({ ip, now });
  if (minutes) return json({ kind: "locked" as const, minutes }, { status: 429, headers: retryAfter(minutes) });
  const code = normalizeCheckinCode(params.code ?? "");
  const target = findByCheckinCode(code);
  if (!target) {
    countCheckinFailure({ ip, now });
    return json({ kind: "unknown" as const, code: (params.code ?? "").slice(0, 20) }, { status: 400 });
  }
  const occasion = publicOccasion(code, target, now);
  if (occasion.state !== "open") return json({ kind: "window" as const, occasion }, { status: 400 });

  let personId: number | null;
  const typedEmail = formData.get("email");
  if (typeof typedEmail === "string") {
    // Too many addresses not on this roster, from anywhere: e-mail check-ins with this code wait.
    const codeMinutes = checkinCodeLockMinutes({ code, now });
    if (codeMinutes) return json({ kind: "locked" as const, minutes: codeMinutes, reason: "code" as const }, { status: 429, headers: retryAfter(codeMinutes) });
    const parsed = parseFormData(EmailSchema, formData, t);
    if (!parsed.ok) return json({ kind: "invalid" as const, errors: parsed.errors, formError: null, email: typedEmail.slice(0, 254) }, { status: 400 });
    personId = personIdByEmail(parsed.data.email);
  } else {
    const person = await cookiePerson(request);
    if (!person) return json({ kind: "invalid" as const, errors: { email: t("form.emailRequired") } as FieldErrors, formError: null, email: "" }, { status: 400 });
    personId = person.personId;
  }

  // An unknown address and one not on this roster get the same answer.
  const result = personId === null ? ({ outcome: "notOnRoster" } as const) : checkIn({ occasion: target.occasion, personId, status: statusOnArrival(target, now), now, audit: participantAudit(personId, context) });
  if (result.outcome === "notOnRoster") {
    if (typeof typedEmail === "string") countRosterFailure({ ip, code, now });
    else countCheckinFailure({ ip, now });
    return json(
      { kind: "invalid" as const, errors: {} as FieldErrors, formError: t("checkin.public.notOnRoster"), email: typeof typedEmail === "string" ? typedEmail.slice(0, 254) : "" },
      { status: 400 },
    );
  }
  return json({
    kind: "result" as const,
    outcome: result.outcome,
    late: result.outcome === "checkedIn" && result.status === "sen",
    name: firstName(result.name),
    title: target.title,
    at: now,
  });
}

function Result({ data }: { data: { outcome: "checkedIn" | "already" | "replaced"; late: boolean; name: string; title: string; at: Date | string } }) {
  const t = useT();
  const params = { name: data.name, title: data.title };
  if (data.outcome === "replaced") {
    return (
      <div className="notice notice--warn checkin-result" role="alert">
        <p>{t("checkin.public.replaced", params)}</p>
      </div>
    );
  }
  const text =
    data.outcome === "already" ? t("checkin.public.already", params) : data.late ? t("checkin.public.checkedInLate", params) : t("checkin.public.checkedIn", params);
  return (
    <div className="notice notice--ok checkin-result" role="status">
      <p className="checkin-result__text">{text}</p>
      {data.outcome === "checkedIn" ? <p>{t("checkin.public.checkedInAt", { time: formatTime(new Date(data.at)) })}</p> : null}
    </div>
  );
}

export default function CheckinWithCode() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();

  const locked = actionData?.kind === "locked" ? actionData : data.kind === "locked" ? data : null;
  if (locked) {
    return (
      <CheckinShell title={t("checkin.public.lockedTitle")}>
        <FormError
          message={
            "reason" in locked && locked.reason === "code"
              ? t("checkin.public.codeThrottled", { minutes: locked.minutes })
              : t("checkin.public.throttled", { minutes: locked.minutes })
          }
        />
      </CheckinShell>
    );
  }
  if (data.kind !== "occasion" || actionData?.kind === "unknown") {
    return (
      <CheckinShell title={t("checkin.public.title")}>
        <p>{t("checkin.public.intro")}</p>
        <CheckinCodeForm error={t("checkin.public.codeUnknown")} defaultValue={data.kind === "unknown" ? data.code : ""} />
      </CheckinShell>
    );
  }
  const occasion = (actionData?.kind === "window" ? actionData.occasion : data.occasion) as OccasionView;
  const person = data.person;
  const invalid = actionData?.kind === "invalid" ? actionData : null;

  return (
    <CheckinShell title={t("checkin.public.title")}>
      <OccasionSummary occasion={occasion} />
      {actionData?.kind === "result" ? (
        <Result data={actionData} />
      ) : occasion.state !== "open" ? (
        <WindowMessage occasion={occasion} />
      ) : (
        <>
          <FormError message={invalid?.formError} />
          <Form method="post" className="checkin-form" noValidate>
            {person ? (
              <p className="checkin-linked">{t("checkin.public.linkedAs", { name: person.name })}</p>
            ) : (
              <Field
                label={t("checkin.public.emailLabel")}
                name="email"
                id="checkin-email"
                type="email"
                inputMode="email"
                autoComplete="email"
                help={t("checkin.public.emailHelp")}
                error={invalid?.errors.email}
                defaultValue={invalid?.email}
                required
              />
            )}
            <button type="submit" className="button checkin-button">
              {person ? t("checkin.public.submitAs", { name: person.name }) : t("checkin.public.submit")}
            </button>
          </Form>
          {person ? (
            <p>
              <Link to="?epost=1" className="checkin-link">{t("checkin.public.useEmail")}</Link>
            </p>
          ) : null}
        </>
      )}
      {person ? <ForgetMeForm /> : null}
      <p>
        <Link to="/incheckning" className="checkin-link">{t("checkin.public.otherCode")}</Link>
      </p>
    </CheckinShell>
  );
}
