import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CheckinCodeForm, CheckinShell, ForgetMeForm } from "~/components/checkin-public";
import { FormError } from "~/components/field";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { normalizeCheckinCode } from "~/lib/attendance-rules";
import { firstName } from "~/lib/checkin-helpers";
import { checkinLockMinutes, cookiePerson, countCheckinFailure, forgetPersonCookie, retryAfter } from "~/lib/checkin.server";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { findByCheckinCode } from "~/models/attendance.server";

export const meta: MetaFunction = () => [{ title: "Incheckning – Processtöd" }, { name: "robots", content: "noindex" }];

/**
 * Public by design: a participant types the code shown at the venue. A phone
 * that opened a personal link earlier is greeted by the person's first name.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const person = await cookiePerson(request);
  const url = new URL(request.url);
  return {
    person: person ? { name: firstName(person.name) } : null,
    welcome: url.searchParams.has("valkommen"),
    forgotten: url.searchParams.has("glomd"),
  };
}

const CodeSchema = z.object({
  code: z
    .string({ required_error: "checkin.public.codeRequired", invalid_type_error: "checkin.public.codeRequired" })
    .transform(normalizeCheckinCode)
    .refine((code) => code.length > 0, "checkin.public.codeRequired"),
});

type ActionData = { errors: FieldErrors; formError?: string; code: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const t = await getTranslator(request);
  const formData = await request.formData();
  if (formData.get("intent") === "forget") {
    return redirect("/incheckning?glomd=1", { headers: { "Set-Cookie": await forgetPersonCookie() } });
  }
  const ip = context.clientIp ?? "";
  const typed = String(formData.get("code") ?? "").slice(0, 20);
  const minutes = checkinLockMinutes({ ip });
  if (minutes) {
    return json<ActionData>({ errors: {}, formError: t("checkin.public.throttled", { minutes }), code: typed }, { status: 429, headers: retryAfter(minutes) });
  }
  const parsed = parseFormData(CodeSchema, formData, t);
  if (!parsed.ok) return json<ActionData>({ errors: parsed.errors, code: typed }, { status: 400 });
  if (!findByCheckinCode(parsed.data.code)) {
    countCheckinFailure({ ip });
    return json<ActionData>({ errors: { code: t("checkin.public.codeUnknown") }, code: typed }, { status: 400 });
  }
  return redirect(`/incheckning/${parsed.data.code}`);
}

export default function CheckinStart() {
  const { person, welcome, forgotten } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <CheckinShell title={t("checkin.public.title")}>
      {person && welcome ? (
        <div className="notice notice--ok" role="status">
          {t("checkin.public.welcomeLinked", { name: person.name })}
        </div>
      ) : null}
      {person && !welcome ? <p className="checkin-linked">{t("checkin.public.linkedAs", { name: person.name })}</p> : null}
      {forgotten && !person ? (
        <div className="notice notice--ok" role="status">
          {t("checkin.public.forgotten")}
        </div>
      ) : null}
      <p>{t("checkin.public.intro")}</p>
      <FormError message={actionData?.formError} />
      <CheckinCodeForm error={actionData?.errors.code} defaultValue={actionData?.code} />
      {person ? <ForgetMeForm /> : null}
    </CheckinShell>
  );
}
