import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PortalShell, SignOutForms } from "~/components/portal-shell";
import { useT } from "~/i18n";
import { endParticipantSession, requireParticipant } from "~/lib/participant-auth.server";
import { countParticipantSessions } from "~/models/participant-auth.server";

export const meta: MetaFunction = () => [{ title: "Logga ut – Mina sidor – Processtöd" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const participant = await requireParticipant(request);
  return { name: participant.name, devices: countParticipantSessions({ personId: participant.id }) };
}

export async function action({ request }: ActionFunctionArgs) {
  const participant = await requireParticipant(request);
  const formData = await request.formData();
  return endParticipantSession(request, { everywhere: formData.get("intent") === "everywhere", personId: participant.id });
}

export default function PortalSignOut() {
  const { name, devices } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <PortalShell name={name} title={t("portal.signOut.title")}>
      <SignOutForms devices={devices} />
    </PortalShell>
  );
}
