import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Field, FormError } from "~/components/field";
import { PortalPublicShell } from "~/components/portal-shell";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { safeRedirect } from "~/lib/auth.server";
import { getParticipant, magicLinkTtlMs, requestMagicLink } from "~/lib/participant-auth.server";
import { email } from "~/lib/schemas";
import { publicUrl } from "~/lib/urls.server";
import { parseFormData, type FieldErrors } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "Logga in på Mina sidor – Processtöd" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = url.searchParams.get("redirectTo");
  // Already signed in on this device: straight on.
  if (await getParticipant(request)) throw redirect(safeRedirect(redirectTo, "/mina-sidor"));
  const signedOut = url.searchParams.get("utloggad");
  return {
    redirectTo: redirectTo ? safeRedirect(redirectTo, "/mina-sidor") : "",
    signedOut: signedOut === "alla" ? ("all" as const) : signedOut ? ("here" as const) : null,
    expired: url.searchParams.has("ogiltig"),
  };
}

const LinkRequestSchema = z.object({ email, redirectTo: z.string().max(2000).optional() });

type ActionData = { errors: FieldErrors; formError?: string; email: string; sent?: { minutes: number } };

export async function action({ request, context }: ActionFunctionArgs) {
  const t = await getTranslator(request);
  const formData = await request.formData();
  const typed = String(formData.get("email") ?? "").slice(0, 254);
  const parsed = parseFormData(LinkRequestSchema, formData, t);
  if (!parsed.ok) return json<ActionData>({ errors: parsed.errors, email: typed }, { status: 400 });
  const result = await requestMagicLink({
    email: parsed.data.email,
    ip: context.clientIp ?? "",
    baseUrl: publicUrl(request, "/"),
    redirectTo: parsed.data.redirectTo || null,
  });
  if (!result.ok) {
    return json<ActionData>(
      { errors: {}, formError: t("portal.signIn.throttled", { minutes: result.retryAfterMinutes }), email: typed },
      { status: 429, headers: { "Retry-After": String(result.retryAfterMinutes * 60) } },
    );
  }
  return json<ActionData>({ errors: {}, email: parsed.data.email, sent: { minutes: magicLinkTtlMs() / 60_000 } });
}

export default function PortalSignIn() {
  const { redirectTo, signedOut } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  if (actionData?.sent) {
    return (
      <PortalPublicShell title={t("portal.signIn.sentTitle")}>
        <div className="notice notice--ok" role="status">
          {t("portal.signIn.sent", { email: actionData.email, minutes: actionData.sent.minutes })}
        </div>
        <p>
          <Link to={redirectTo ? `/mina-sidor/logga-in?${new URLSearchParams({ redirectTo })}` : "/mina-sidor/logga-in"} reloadDocument>
            {t("portal.signIn.again")}
          </Link>
        </p>
      </PortalPublicShell>
    );
  }
  return (
    <PortalPublicShell title={t("portal.signIn.title")}>
      {signedOut ? (
        <div className="notice notice--ok" role="status">
          {signedOut === "all" ? t("portal.signIn.signedOutAll") : t("portal.signIn.signedOut")}
        </div>
      ) : null}
      <p>{t("portal.signIn.intro")}</p>
      <FormError message={actionData?.formError} />
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label={t("portal.signIn.email")}
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          defaultValue={actionData?.email}
          error={actionData?.errors.email}
        />
        <button type="submit" className="button portal-button" disabled={navigation.state === "submitting"}>
          {t("portal.signIn.submit")}
        </button>
      </Form>
      <p className="portal-staff-hint">
        <Link to="/logga-in">{t("portal.signIn.staff")}</Link>
      </p>
    </PortalPublicShell>
  );
}
