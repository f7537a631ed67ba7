/**
 * The privacy notice and the accessibility statement (issue #11, item 6):
 * both pages load for anyone, a problem report is stored and mailed to the
 * accessibility contact, bad input gets 400 with Swedish messages on the
 * fields and stores nothing, ten reports per IP per hour then 429, and only
 * process leaders read the reports.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/models/db.server";
import { action as statementAction, loader as statementLoader } from "~/routes/tillganglighetsredogorelse";
import { updateRetentionSettings } from "~/models/retention.server";
import { loader as privacyLoader } from "~/routes/personuppgiftspolicy";
import { loader as reportsLoader } from "~/routes/tillganglighetsredogorelse_.rapporter";
import { DEMO_EMAILS, getRequest, postForm, signedInCookie, thrownResponse, userId } from "../support/integration";

const db = () => getDb().$client;
const PATH = "/tillganglighetsredogorelse";

function reports() {
  return db().prepare("select id, name, email, page_url, description from accessibility_reports order by id").all() as {
    id: number;
    name: string | null;
    email: string | null;
    page_url: string | null;
    description: string;
  }[];
}

function lastOutboxId(): number {
  return (db().prepare("select coalesce(max(id), 0) as id from mail_outbox").get() as { id: number }).id;
}

function outboxSince(id: number) {
  return db().prepare("select to_address as to_, subject, text_body as text from mail_outbox where id > ? order by id").all(id) as {
    to_: string;
    subject: string;
    text: string;
  }[];
}

function post(fields: Record<string, string>, ip = "198.51.100.7", cookie?: string) {
  return statementAction({ request: postForm(PATH, fields, cookie), params: {}, context: { clientIp: ip } }) as Promise<Response>;
}

beforeEach(() => {
  db().prepare("delete from login_throttle").run();
  db().prepare("delete from accessibility_reports").run();
});

describe("the pages", () => {
  it("serve anyone, with the configured controller and addresses (defaults)", async () => {
    const privacy = await privacyLoader();
    expect(privacy).toEqual({
      controller: "Ifous (Innovation, forskning och utveckling i skola och förskola)",
      privacyEmail: "dataskydd@ifous.example",
      threshold: 5,
      sessionHours: 12,
      retention: {
        participant_identity: 24,
        unenrolled_invitations: 12,
        sign_in_links: 30,
        uploaded_lists: 30,
        accessibility_reports: 24,
        data_requests: 24,
        sent_mail: 6,
      },
    });
    const statement = await statementLoader({ request: getRequest(PATH), params: {}, context: { clientIp: "" } });
    expect(statement).toEqual({
      controller: "Ifous (Innovation, forskning och utveckling i skola och förskola)",
      accessibilityEmail: "tillganglighet@ifous.example",
      pageUrl: "",
      canReadReports: false,
    });
  });

  it("states the retention periods the process leaders have set, not a copy of the defaults", async () => {
    const admin = { id: userId(DEMO_EMAILS.admin), name: "Processledare", role: "admin" as const };
    const before = (await privacyLoader()).retention;
    updateRetentionSettings({ values: { ...before, participant_identity: 36, sent_mail: 3 }, user: admin });
    const after = (await privacyLoader()).retention;
    expect(after.participant_identity).toBe(36);
    expect(after.sent_mail).toBe(3);
    expect(after.data_requests).toBe(24);
    updateRetentionSettings({ values: before, user: admin });
  });

  it("fills in the page the reader came from, only from this site", async () => {
    const from = (referer: string) =>
      statementLoader({ request: new Request(`http://localhost${PATH}`, { headers: { Referer: referer } }), params: {}, context: { clientIp: "" } });
    expect((await from("http://localhost/mina-sidor/tillfallen/3?x=1")).pageUrl).toBe("/mina-sidor/tillfallen/3?x=1");
    expect((await from("https://elsewhere.example/mina-sidor")).pageUrl).toBe("");
    expect((await from(`http://localhost${PATH}`)).pageUrl).toBe("");
  });

  it("offers the report list to process leaders only", async () => {
    const admin = await statementLoader({ request: getRequest(PATH, await signedInCookie(userId(DEMO_EMAILS.admin))), params: {}, context: { clientIp: "" } });
    expect(admin.canReadReports).toBe(true);
    const coordinator = await statementLoader({ request: getRequest(PATH, await signedInCookie(userId(DEMO_EMAILS.huddinge))), params: {}, context: { clientIp: "" } });
    expect(coordinator.canReadReports).toBe(false);
  });
});

describe("reporting a problem", () => {
  it("stores the report and mails it to the accessibility contact", async () => {
    const before = lastOutboxId();
    const response = await post({
      name: "  Karin Berg ",
      email: "karin.berg@nacka.example",
      pageUrl: "/mina-sidor",
      description: "Knappen Jag kommer går inte att nå med tangentbordet.\nJag använder skärmläsare.",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ errors: {}, values: { name: "", email: "", pageUrl: "", description: "" }, sent: true });

    const stored = reports();
    expect(stored).toEqual([
      {
        id: stored[0].id,
        name: "Karin Berg",
        email: "karin.berg@nacka.example",
        page_url: "/mina-sidor",
        description: "Knappen Jag kommer går inte att nå med tangentbordet.\nJag använder skärmläsare.",
      },
    ]);
    const mails = outboxSince(before);
    expect(mails.map((m) => [m.to_, m.subject])).toEqual([["tillganglighet@ifous.example", `Rapport om tillgänglighet i Processtöd (nr ${stored[0].id})`]]);
    expect(mails[0].text).toBe(
      "En ny rapport om tillgänglighet har kommit in via Processtöds tillgänglighetsredogörelse.\n\n" +
        "Namn: Karin Berg\nE-post: karin.berg@nacka.example\nSida: /mina-sidor\n\n" +
        "Beskrivning:\nKnappen Jag kommer går inte att nå med tangentbordet.\nJag använder skärmläsare.\n\n" +
        "Alla rapporter: http://localhost/tillganglighetsredogorelse/rapporter\n",
    );
  });

  it("takes an anonymous report with only a description", async () => {
    const before = lastOutboxId();
    const response = await post({ name: "", email: "", pageUrl: "", description: "Diagrammet saknar beskrivning." });
    expect(response.status).toBe(200);
    expect(reports().map(({ name, email, page_url, description }) => ({ name, email, page_url, description }))).toEqual([
      { name: null, email: null, page_url: null, description: "Diagrammet saknar beskrivning." },
    ]);
    expect(outboxSince(before)[0].text).toContain("Namn: (inte angivet)\nE-post: (inte angivet)\nSida: (inte angivet)\n");
  });

  it("answers bad input with 400 and Swedish messages on the fields, and stores and mails nothing", async () => {
    const before = lastOutboxId();
    const empty = await post({ name: "Karin", email: "inte-en-adress", pageUrl: "/lan", description: "   " });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({
      errors: { email: "Ange en giltig e-postadress, till exempel namn@kommun.se.", description: "Beskriv problemet." },
      values: { name: "Karin", email: "inte-en-adress", pageUrl: "/lan", description: "   " },
    });

    // 5,000 characters as a person counts them is the limit; emoji count as one.
    const tooLong = await post({ description: "😀".repeat(5001) });
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).errors).toEqual({ description: "Texten är för lång (högst 5000 tecken)." });
    const missing = await post({});
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors).toEqual({ description: "Beskriv problemet." });

    expect(reports()).toEqual([]);
    expect(outboxSince(before)).toEqual([]);

    // Exactly at the limit is fine.
    expect((await post({ description: "😀".repeat(5000) })).status).toBe(200);
    expect(reports()).toHaveLength(1);
  });

  it("stores markup as plain text", async () => {
    expect((await post({ description: '<script>alert("x")</script>', pageUrl: "javascript:alert(1)" })).status).toBe(200);
    expect(reports()[0]).toMatchObject({ description: '<script>alert("x")</script>', page_url: "javascript:alert(1)" });
  });

  it("takes ten reports per IP address per hour, then answers 429 in Swedish; other addresses go on", async () => {
    for (let i = 1; i <= 10; i++) {
      expect((await post({ description: `Rapport ${i}` })).status).toBe(200);
    }
    const before = lastOutboxId();
    const eleventh = await post({ description: "Rapport 11" });
    expect(eleventh.status).toBe(429);
    expect(eleventh.headers.get("Retry-After")).toBe("3600");
    expect(((await eleventh.json()) as { formError: string }).formError).toBe(
      "Många rapporter har skickats härifrån på kort tid. Försök igen om 60 minuter, eller skriv direkt till tillganglighet@ifous.example.",
    );
    expect(reports()).toHaveLength(10);
    expect(outboxSince(before)).toEqual([]);

    expect((await post({ description: "Från ett annat nät" }, "203.0.113.9")).status).toBe(200);
    expect(reports()).toHaveLength(11);
  });
});

describe("the report list", () => {
  it("shows process leaders every report, newest first", async () => {
    await post({ description: "Första" });
    await post({ description: "Andra", email: "a@b.example" });
    const data = await reportsLoader({ request: getRequest(`${PATH}/rapporter`, await signedInCookie(userId(DEMO_EMAILS.admin))), params: {}, context: { clientIp: "" } });
    expect(data.reports.map((r) => [r.description, r.email])).toEqual([
      ["Andra", "a@b.example"],
      ["Första", null],
    ]);
    expect(data.email).toBe("tillganglighet@ifous.example");
  });

  it("answers coordinators and sponsors 403 and sends anonymous visitors to sign in", async () => {
    for (const email of [DEMO_EMAILS.huddinge, DEMO_EMAILS.sponsor]) {
      const response = await thrownResponse(async () =>
        reportsLoader({ request: getRequest(`${PATH}/rapporter`, await signedInCookie(userId(email))), params: {}, context: { clientIp: "" } }),
      );
      expect(response.status).toBe(403);
    }
    const anonymous = await thrownResponse(() => reportsLoader({ request: getRequest(`${PATH}/rapporter`), params: {}, context: { clientIp: "" } }) as Promise<unknown>);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe("/logga-in?redirectTo=%2Ftillganglighetsredogorelse%2Frapporter");
  });
});
