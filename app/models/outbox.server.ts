import { desc, eq } from "drizzle-orm";
import { getDb, schema } from "./db.server";

const { mailOutbox } = schema;

export function addToOutbox({
  to,
  subject,
  text,
  attachmentNames,
}: {
  to: string;
  subject: string;
  text: string;
  attachmentNames?: string[];
}): number {
  return getDb()
    .insert(mailOutbox)
    .values({ toAddress: to, subject, textBody: text, attachmentNames: attachmentNames?.length ? attachmentNames.join(", ") : null })
    .returning({ id: mailOutbox.id })
    .get().id;
}

export function markSent({ id, now = new Date() }: { id: number; now?: Date }) {
  getDb().update(mailOutbox).set({ status: "sent", sentAt: now, error: null }).where(eq(mailOutbox.id, id)).run();
}

export function markFailed({ id, error }: { id: number; error: string }) {
  getDb().update(mailOutbox).set({ status: "failed", error }).where(eq(mailOutbox.id, id)).run();
}

export function listOutbox({ limit = 200 }: { limit?: number } = {}) {
  return getDb()
    .select({
      id: mailOutbox.id,
      to: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      text: mailOutbox.textBody,
      attachmentNames: mailOutbox.attachmentNames,
      status: mailOutbox.status,
      createdAt: mailOutbox.createdAt,
    })
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(limit)
    .all();
}
