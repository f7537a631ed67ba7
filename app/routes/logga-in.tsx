import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Field, FormError } from "~/components/field";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { getUser, safeRedirect, startAuthSession } from "~/lib/auth.server";
import { getParticipant } from "~/lib/participant-auth.server";
import { email } from "~/lib/schemas";
import { attemptSignIn } from "~/lib/sign-in.server";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { audit, staffAudit } from "~/models/audit-log.server";
import { getCredentialsByEmail, getUserById } from "~/models/user.server";

export const meta: MetaFunction = () => [{ title: "Logga in – Processtöd" }];

const SignInSchema = z.object({
  email,
  password: z
    .string({ required_error: "login.passwordRequired", invalid_type_error: "login.passwordRequired" })
    .min(1, "login.passwordRequired")
    .max(1024, "form.tooLong:1024"),
  redirectTo: z.string().max(2000).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  // Public page: a signed-in user goes straight to the start page.
  if (await getUser(request)) throw redirect("/");
  const url = new URL(request.url);
  return {
    redirectTo: safeRedirect(url.searchParams.get("redirectTo")),
    signedOut: url.searchParams.has("utloggad"),
    // A participant signed in to Mina sidor who lands here (e.g. from "/") is shown the way back;
    // not redirected, because a coordinator may also take part in a series.
    participant: (await getParticipant(request))?.name ?? null,
  };
}

type ActionData = { errors: FieldErrors; formError?: string; email?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const t = await getTranslator(request);
  const formData = await request.formData();
  const parsed = parseFormData(SignInSchema, formData, t);
  const typedEmail = String(formData.get("email") ?? "").slice(0, 254);
  if (!parsed.ok) {
    return json<ActionData>({ errors: parsed.errors, email: typedEmail }, { status: 400 });
  }
  const result = await attemptSignIn({
    email: parsed.data.email,
    password: parsed.data.password,
    ip: context.clientIp ?? "",
  });
  if (!result.ok) {
    if (result.reason === "throttled") {
      return json<ActionData>(
        { errors: {}, formError: t("login.throttled", { minutes: result.retryAfterMinutes }), email: typedEmail },
        { status: 429, headers: { "Retry-After": String(result.retryAfterMinutes * 60) } },
      );
    }
    // The account's id when the address is a staff account's; never the typed address itself.
    const account = getCredentialsByEmail({ email: parsed.data.email });
    audit(
      { actor: { kind: "system", label: "inloggning" }, ip: context.clientIp || null },
      { action: "account.sign_in_failed", entityKind: "user", entityId: account?.id ?? null },
    );
    return json<ActionData>({ errors: {}, formError: t("login.invalid"), email: typedEmail }, { status: 401 });
  }
  const signedIn = getUserById({ userId: result.userId });
  if (signedIn) audit(staffAudit(signedIn, context), { action: "account.sign_in", entityKind: "user", entityId: signedIn.id });
  return startAuthSession({ userId: result.userId, redirectTo: safeRedirect(parsed.data.redirectTo) });
}

export default function SignIn() {
  const { redirectTo, signedOut, participant } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  return (
    <div className="card" style={{ maxWidth: "34rem" }}>
      <h1>{t("login.title")}</h1>
      <p className="lead">{t("login.intro")}</p>
      {signedOut && !actionData ? (
        <div className="notice notice--ok" role="status">
          {t("login.signedOut")}
        </div>
      ) : null}
      {participant ? (
        <div className="notice" role="status">
          {t("portal.staffLogin.signedIn", { name: participant })} <Link to="/mina-sidor">{t("portal.reply.toPortal")}</Link>
        </div>
      ) : null}
      <FormError message={actionData?.formError} />
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label={t("login.email")}
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={actionData?.email}
          error={actionData?.errors.email}
        />
        <Field
          label={t("login.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={actionData?.errors.password}
        />
        <div>
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("login.submit")}
          </button>
        </div>
      </Form>
      <p className="participant-hint">
        {t("portal.staffLogin.participants")} <Link to="/mina-sidor/logga-in">{t("portal.staffLogin.link")}</Link>
      </p>
    </div>
  );
}
