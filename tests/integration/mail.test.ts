/**
 * Outgoing mail against a real SMTP server in this process (smtp-server), the
 * same code path production uses with its relay.
 */
import net, { type AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerEnvelope } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { translate } from "~/i18n";
import { sendMail } from "~/lib/mail.server";
import { getDb } from "~/models/db.server";
import { parsePlainTextMessage } from "../support/mime";

type Received = { envelope: SMTPServerEnvelope; raw: string };
const received: Received[] = [];

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      received.push({ envelope: session.envelope, raw: Buffer.concat(chunks).toString("utf8") });
      callback();
    });
  },
});
let smtpPort = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  smtpPort = (server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

// Each test sets its own SMTP environment; put the original back afterwards.
const ENV_KEYS = ["SMTP_HOST", "SMTP_PORT", "SMTP_SECURE", "SMTP_USER", "SMTP_PASS", "MAIL_FROM"] as const;
let savedEnv: Record<string, string | undefined>;
beforeEach(() => {
  savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of ENV_KEYS) delete process.env[k];
  received.length = 0;
});
afterEach(() => {
  for (const k of ENV_KEYS) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
});

const outboxRow = (id: number) =>
  getDb()
    .$client.prepare("select to_address as toAddress, subject, text_body as text, status, error, sent_at as sentAt from mail_outbox where id = ?")
    .get(id) as { toAddress: string; subject: string; text: string; status: string; error: string | null; sentAt: number | null };

/** A real message from the catalogue: Swedish letters, a long body and a link. */
const message = {
  to: "nina.sjoberg@tyreso.example",
  subject: translate("sv", "activate.mailSubject"),
  text: translate("sv", "activate.mailBody", {
    name: "Nina Sjöberg",
    inviter: "Karin Berg",
    role: "kommunsamordnare",
    expires: "2026-08-17 10:00",
    link: "http://localhost:3000/aktivera/AbC-123_xyz",
  }),
};

describe("sendMail", () => {
  it("sends through the configured SMTP server and marks the outbox row as sent", async () => {
    process.env.SMTP_HOST = "127.0.0.1";
    process.env.SMTP_PORT = String(smtpPort);

    const result = await sendMail(message);

    expect(result.status).toBe("sent");
    expect(received).toHaveLength(1);
    const [{ envelope, raw }] = received;
    expect(envelope.mailFrom && envelope.mailFrom.address).toBe("noreply@processtod.local");
    expect(envelope.rcptTo.map((r) => r.address)).toEqual(["nina.sjoberg@tyreso.example"]);

    const parsed = parsePlainTextMessage(raw);
    expect(parsed.subject).toBe("Aktivera ditt konto i Processtöd");
    expect(parsed.text).toBe(message.text);
    expect(parsed.text).toContain("Hej Nina Sjöberg!");
    expect(parsed.text).toContain("http://localhost:3000/aktivera/AbC-123_xyz");
    expect(parsed.headers.get("content-type")).toBe("text/plain; charset=utf-8");

    expect(outboxRow(result.outboxId)).toMatchObject({
      toAddress: message.to,
      subject: message.subject,
      text: message.text,
      status: "sent",
      error: null,
      sentAt: expect.any(Number),
    });
  });

  it("uses MAIL_FROM as the sender when set", async () => {
    process.env.SMTP_HOST = "127.0.0.1";
    process.env.SMTP_PORT = String(smtpPort);
    process.env.MAIL_FROM = "Ifous <processtod@ifous.example>";
    expect((await sendMail({ to: "a@b.example", subject: "Hej", text: "Test" })).status).toBe("sent");
    expect(received[0].envelope.mailFrom && received[0].envelope.mailFrom.address).toBe("processtod@ifous.example");
    expect(parsePlainTextMessage(received[0].raw)).toMatchObject({ subject: "Hej", text: "Test" });
  });

  it("keeps the message in the outbox and sends nothing when no SMTP server is configured", async () => {
    process.env.SMTP_PORT = String(smtpPort); // a port alone is not a configuration

    const result = await sendMail(message);

    expect(result.status).toBe("outbox");
    expect(outboxRow(result.outboxId)).toMatchObject({ status: "outbox", error: null, sentAt: null, text: message.text });
    expect(received).toEqual([]);
  });

  it("marks the row as failed, with the reason, when the SMTP server cannot be reached", async () => {
    // A port that was free a moment ago and has nothing listening now.
    const closedPort = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    process.env.SMTP_HOST = "127.0.0.1";
    process.env.SMTP_PORT = String(closedPort);
    // The failure is logged as a warning for the operator; keep test output clean but check it happened.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});

    const result = await sendMail(message);

    expect(result.status).toBe("failed");
    const row = outboxRow(result.outboxId);
    expect(row).toMatchObject({ status: "failed", sentAt: null, text: message.text });
    expect(row.error).toContain("ECONNREFUSED");
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain(message.to);
    expect(received).toEqual([]);
  });
});
