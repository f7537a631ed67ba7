import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormError } from "~/components/field";
import { useT } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { startAuthSession } from "~/lib/auth.server";
import { hashPassword } from "~/lib/password.server";
import { parseFormData, type FieldErrors } from "~/lib/validation";
import { activateAccount, findActivation } from "~/models/user.server";

export const meta: MetaFunction = () => [{ title: "Aktivera konto – Processtöd" }];

const ActivateSchema = z
  .object({
    password: z
      .string({ required_error: "activate.passwordTooShort" })
      .min(12, "activate.passwordTooShort")
      .max(1024, "form.tooLong:1024"),
    confirm: z.string({ required_error: "activate.passwordMismatch" }).max(1024, "form.tooLong:1024"),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "activate.passwordMismatch" });

// Public by design: the one-time token in the URL is the credential.
export async function loader({ params }: LoaderFunctionArgs) {
  const activation = findActivation({ token: params.token ?? "" });
  return { account: activation ? { name: activation.name, email: activation.email } : null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = await getTranslator(request);
  const token = params.token ?? "";
  if (!findActivation({ token })) {
    return json({ errors: {} as FieldErrors, formError: t("activate.invalidToken") as string | null }, { status: 400 });
  }
  const parsed = parseFormData(ActivateSchema, await request.formData(), t);
  if (!parsed.ok) return json({ errors: parsed.errors, formError: null as string | null }, { status: 400 });
  const userId = activateAccount({ token, passwordHash: await hashPassword(parsed.data.password), ip: context.clientIp || null });
  if (userId === null) {
    return json({ errors: {} as FieldErrors, formError: t("activate.invalidToken") as string | null }, { status: 400 });
  }
  return startAuthSession({ userId, redirectTo: "/" });
}

export default function Activate() {
  const { account } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  if (!account) {
    return (
      <div className="card" style={{ maxWidth: "34rem" }}>
        <h1>{t("activate.title")}</h1>
        <div className="notice notice--error" role="alert">
          {t("activate.invalidToken")}
        </div>
      </div>
    );
  }
  return (
    <div className="card" style={{ maxWidth: "34rem" }}>
      <h1>{t("activate.title")}</h1>
      <p>{t("activate.intro", { name: account.name, email: account.email })}</p>
      <FormError message={actionData?.formError} />
      <Form method="post" className="stack" noValidate>
        {/* Lets password managers store the new password under the right account. */}
        <input type="hidden" name="username" value={account.email} autoComplete="username" />
        <Field
          label={t("activate.password")}
          name="password"
          type="password"
          autoComplete="new-password"
          help={t("activate.passwordHelp")}
          required
          error={actionData?.errors.password}
        />
        <Field label={t("activate.confirm")} name="confirm" type="password" autoComplete="new-password" required error={actionData?.errors.confirm} />
        <div>
          <button type="submit" className="button">
            {t("activate.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
