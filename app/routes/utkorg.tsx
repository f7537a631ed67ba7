import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { formatDateTime } from "~/lib/format";
import { requireUserWithPermission } from "~/lib/permissions.server";
import { listOutbox } from "~/models/outbox.server";
import { TableWrap } from "~/components/table-wrap";

export const meta: MetaFunction = () => [{ title: "Utkorg – Processtöd" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read", "outbox");
  return { messages: listOutbox() };
}

export default function Outbox() {
  const { messages } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("outbox.title")}</h1>
      <p className="lead">{t("outbox.intro")}</p>
      {messages.length === 0 ? (
        <p className="empty">{t("outbox.empty")}</p>
      ) : (
        <TableWrap label={t("outbox.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("outbox.created")}</th>
                <th scope="col">{t("outbox.to")}</th>
                <th scope="col">{t("outbox.subject")}</th>
                <th scope="col">{t("outbox.status")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.createdAt)}</td>
                  <td>{m.to}</td>
                  <td>
                    {m.subject}
                    <details>
                      <summary>{t("outbox.showBody")}</summary>
                      <pre className="mail-body">{m.text}</pre>
                      {m.attachmentNames ? <p className="help">{t("outbox.attachments", { names: m.attachmentNames })}</p> : null}
                    </details>
                  </td>
                  <td>{t(`outbox.status.${m.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
