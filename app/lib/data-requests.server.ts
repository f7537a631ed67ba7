/** The mails of the data-request flow (decision 011). Always in Swedish, like the app's other mail. */
import { translator } from "~/i18n";
import type { DataRequestKind } from "../../db/schema";
import { sendMail } from "./mail.server";
import type { Recipient } from "~/models/data-request.server";

/** Tells the coordinators (or process leaders) that a request waits in their queue. No request text in the mail. */
export async function mailNewDataRequest({
  recipients,
  requesterName,
  kind,
  queueUrl,
}: {
  recipients: Recipient[];
  requesterName: string;
  kind: DataRequestKind;
  queueUrl: string;
}) {
  const t = translator("sv");
  for (const r of recipients) {
    await sendMail({
      to: r.email,
      subject: t(`portalData.mail.newSubject.${kind}`),
      text: t("portalData.mail.newBody", { name: r.name, requester: requesterName, kind: t(`portalData.kindLower.${kind}`), link: queueUrl }),
    });
  }
}

/** Tells the participant how their request was handled, with the handler's note. */
export async function mailDataRequestHandled({
  to,
  name,
  kind,
  outcome,
  note,
  portalUrl,
}: {
  to: string;
  name: string;
  kind: DataRequestKind;
  outcome: "genomford" | "avslagen";
  note: string;
  portalUrl: string;
}) {
  const t = translator("sv");
  return sendMail({
    to,
    subject: t(`portalData.mail.handledSubject.${kind}`),
    text: t("portalData.mail.handledBody", {
      name,
      kind: t(`portalData.kindLower.${kind}`),
      outcome: t(`portalData.status.${outcome}`).toLowerCase(),
      note,
      link: portalUrl,
    }),
  });
}
