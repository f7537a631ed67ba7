/**
 * Outgoing e-mail. Every message is first written to the outbox table; when an
 * SMTP server is configured it is then sent and marked as sent (or failed).
 * With no SMTP server the message stays in the outbox, readable by process
 * leaders in the app, so the demo works without any mail setup.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { addToOutbox, markFailed, markSent } from "~/models/outbox.server";

export type MailConfig = {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
  from: string;
};

export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig | null {
  if (!env.SMTP_HOST) return null;
  return {
    host: env.SMTP_HOST,
    port: Number(env.SMTP_PORT || 587),
    secure: env.SMTP_SECURE === "true",
    user: env.SMTP_USER || undefined,
    pass: env.SMTP_PASS || undefined,
    from: env.MAIL_FROM || "Processtöd <noreply@processtod.local>",
  };
}

let cached: { key: string; transporter: Transporter } | undefined;
function transporterFor(config: MailConfig): Transporter {
  const key = JSON.stringify(config);
  if (cached?.key !== key) {
    cached = {
      key,
      transporter: nodemailer.createTransport({
        host: config.host,
        port: config.port,
        secure: config.secure,
        auth: config.user ? { user: config.user, pass: config.pass } : undefined,
      }),
    };
  }
  return cached.transporter;
}

export type MailResult = { outboxId: number; status: "outbox" | "sent" | "failed" };

export type MailAttachment = { filename: string; content: string; contentType: string };

export async function sendMail(message: {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}): Promise<MailResult> {
  const outboxId = addToOutbox({ ...message, attachmentNames: message.attachments?.map((a) => a.filename) });
  const config = mailConfigFromEnv();
  if (!config) return { outboxId, status: "outbox" };
  try {
    await transporterFor(config).sendMail({ from: config.from, ...message });
    markSent({ id: outboxId });
    return { outboxId, status: "sent" };
  } catch (error) {
    // Keep the message and the reason, so a process leader can see what failed.
    markFailed({ id: outboxId, error: error instanceof Error ? error.message : String(error) });
    console.warn(`E-post till ${message.to} kunde inte skickas:`, error);
    return { outboxId, status: "failed" };
  }
}
