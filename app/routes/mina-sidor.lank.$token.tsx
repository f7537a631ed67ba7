import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PortalPublicShell } from "~/components/portal-shell";
import { useT } from "~/i18n";
import { signInWithMagicLink } from "~/lib/participant-auth.server";
import { findUsableMagicLink } from "~/models/participant-auth.server";

export const meta: MetaFunction = () => [{ title: "Logga in – Processtöd" }, { name: "robots", content: "noindex" }];

/**
 * Opening the link only shows a button: mail scanners open every link in a
 * mail, and using the token on GET would leave the participant a dead link.
 * Made-up, used and expired links all get the same friendly page.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const usable = findUsableMagicLink({ token: params.token ?? "" }) !== null;
  return json({ usable }, { status: usable ? 200 : 404 });
}

export async function action({ params }: ActionFunctionArgs) {
  const signedIn = await signInWithMagicLink(params.token ?? "");
  if (signedIn) return signedIn;
  return json({ usable: false }, { status: 404 });
}

export default function MagicLink() {
  const { usable } = useLoaderData<typeof loader>();
  const t = useT();
  if (!usable) {
    return (
      <PortalPublicShell title={t("portal.link.invalidTitle")}>
        <p>{t("portal.link.invalid")}</p>
        <p>
          <Link to="/mina-sidor/logga-in" className="button portal-button">
            {t("portal.signIn.again")}
          </Link>
        </p>
      </PortalPublicShell>
    );
  }
  return (
    <PortalPublicShell title={t("portal.link.title")}>
      <p>{t("portal.link.intro")}</p>
      <Form method="post" reloadDocument>
        <button type="submit" className="button portal-button">
          {t("portal.link.submit")}
        </button>
      </Form>
    </PortalPublicShell>
  );
}
