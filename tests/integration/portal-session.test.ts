/**
 * The participant's session page (/mina-sidor/tillfallen/:id) and its .ics
 * download, called the way Remix calls them, with a real signed-in
 * participant cookie. Huddinge's seminar 3 (2026-11-24 08:30–12:00) is
 * upcoming; seminar 2 (2026-10-20) has been held. Forged posts that the page
 * never offers must be refused with the right status and write nothing.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { participantSessionCookie } from "~/lib/participant-auth.server";
import { getDb } from "~/models/db.server";
import { loader as icsLoader } from "~/routes/mina-sidor.tillfallen.$sessionId.kalender";
import { action, loader } from "~/routes/mina-sidor.tillfallen.$sessionId._index";
import { getRequest, postForm, seriesId, seriesSessionRows, thrownResponse } from "../support/integration";

const sql = () => getDb().$client;
const context = { clientIp: "192.0.2.20" };

const SOFIA = "sofia.hassan76@huddinge.example";
const DANIEL = "daniel.holm77@huddinge.example";
const BOTKYRKA_PARTICIPANT = "zeynep.wallin1@botkyrka.example";
const JARFALLA_PARTICIPANT = "karl.eriksson236@jarfalla.example";

function person(email: string): { id: number; name: string } {
  const row = sql().prepare("select id, name from people where email_normalized = ?").get(email) as { id: number; name: string } | undefined;
  if (!row) throw new Error(`No person ${email}`);
  return row;
}

async function cookieFor(email: string): Promise<string> {
  return (await participantSessionCookie(person(email).id)).split(";")[0];
}

const huddinge = () => seriesId("Huddinge");
const seminar = (position: number) => seriesSessionRows(huddinge())[position - 1].id;

async function load(email: string, sessionId: number, search = "") {
  const path = `/mina-sidor/tillfallen/${sessionId}${search}`;
  return loader({ request: getRequest(path, await cookieFor(email)), params: { sessionId: String(sessionId) }, context });
}

async function post(email: string, sessionId: number, fields: Record<string, string>) {
  const path = `/mina-sidor/tillfallen/${sessionId}`;
  return action({ request: postForm(path, fields, await cookieFor(email)), params: { sessionId: String(sessionId) }, context });
}

function replyRows(sessionId: number) {
  return sql()
    .prepare("select person_id as personId, reply, replied_at as repliedAt from session_replies where series_session_id = ? order by person_id")
    .all(sessionId) as { personId: number; reply: string; repliedAt: number }[];
}

function substitutionRows(sessionId: number) {
  return sql()
    .prepare(
      `select series_id as seriesId, series_session_id as sessionId, for_person_id as forPersonId, name, email, email_normalized as emailNormalized,
        workplace, status, substitute_person_id as substitutePersonId, handled_at as handledAt, handled_by_id as handledById
       from substitutions where series_session_id = ? order by id`,
    )
    .all(sessionId);
}

function outboxAfter(id: number) {
  return sql().prepare("select to_address as toAddress, subject, text_body as body from mail_outbox where id > ? order by id").all(id) as {
    toAddress: string;
    subject: string;
    body: string;
  }[];
}
const lastOutboxId = () => (sql().prepare("select max(id) as id from mail_outbox").get() as { id: number | null }).id ?? 0;

async function bodyOf(response: Response) {
  return (await response.json()) as { formError: string; errors: Record<string, string>; values: Record<string, string> | null };
}

beforeEach(() => {
  sql().prepare("delete from session_replies").run();
  sql().prepare("delete from substitutions").run();
});

describe("GET /mina-sidor/tillfallen/:sessionId", () => {
  it("does not ask about a session that is over and was never answered, but keeps a reply given before", async () => {
    expect((await load(SOFIA, seminar(2))).session.endedUnanswered).toBe(true);
    sql().prepare("insert into session_replies (person_id, series_session_id, reply, replied_at) values (?, ?, 'kommer', ?)").run(person(SOFIA).id, seminar(2), Date.parse("2026-10-01T08:00:00Z"));
    expect((await load(SOFIA, seminar(2))).session.endedUnanswered).toBe(false);
  });

  it("shows the participant's upcoming seminar with its details and nothing replied yet", async () => {
    const data = await load(SOFIA, seminar(3));
    expect(data.name).toBe("Sofia Hassan");
    expect(data.session).toEqual({
      id: seminar(3),
      title: "Samverkan och samordnat stöd vid närvaroproblem i förskola och skola",
      seriesName: "Processtöd skolnärvaro Huddinge",
      startsAt: Date.parse("2026-11-24T07:30:00Z"),
      endsAt: Date.parse("2026-11-24T11:00:00Z"),
      format: "pa_plats",
      venue: "Kommunhuset, Huddinge",
      meetingLink: null,
      meetingLinkIsUrl: false,
      experts: ["Malin Gren Landell, leg. psykolog"],
      prepHours: 3,
      prepDone: 0,
      prepTotal: 4,
      cancelled: false,
      endedUnanswered: false,
      substituteForName: null,
    });
    expect(data).toMatchObject({ reply: null, repliedAt: null, substitute: null, block: null, saved: null });
  });

  it("answers 404 when a Botkyrka participant opens a Huddinge session, and for an unknown id", async () => {
    expect((await thrownResponse(load(BOTKYRKA_PARTICIPANT, seminar(3)))).status).toBe(404);
    expect((await thrownResponse(load(SOFIA, 999_999))).status).toBe(404);
    expect((await thrownResponse(load(SOFIA, Number.NaN))).status).toBe(404);
  });

  it("sends a visitor without a portal cookie to the sign-in page and back", async () => {
    const response = await thrownResponse(loader({ request: getRequest(`/mina-sidor/tillfallen/${seminar(3)}`), params: { sessionId: String(seminar(3)) }, context }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/mina-sidor/logga-in?redirectTo=%2Fmina-sidor%2Ftillfallen%2F${seminar(3)}`);
  });

  it("makes only an http(s) meeting link clickable, and splits the experts one per line", async () => {
    const id = seminar(3);
    const before = sql().prepare("select meeting_link as link, expert from series_sessions where id = ?").get(id) as { link: string | null; expert: string };
    try {
      sql().prepare("update series_sessions set meeting_link = ?, expert = ? where id = ?").run("https://meet.example/abc", "Anna Berg\n\n  Per Ek  \n", id);
      expect((await load(SOFIA, id)).session).toMatchObject({ meetingLink: "https://meet.example/abc", meetingLinkIsUrl: true, experts: ["Anna Berg", "Per Ek"] });
      sql().prepare("update series_sessions set meeting_link = ? where id = ?").run("javascript:alert(1)", id);
      expect((await load(SOFIA, id)).session).toMatchObject({ meetingLink: "javascript:alert(1)", meetingLinkIsUrl: false });
    } finally {
      sql().prepare("update series_sessions set meeting_link = ?, expert = ? where id = ?").run(before.link, before.expert, id);
    }
  });

  it("shows a cancelled series' session as cancelled, and refuses a reply to it with 400", async () => {
    const jarfalla = seriesSessionRows(seriesId("Järfälla"))[2].id;
    const data = await load(JARFALLA_PARTICIPANT, jarfalla);
    expect(data.session.cancelled).toBe(true);
    expect(data.block).toBe("cancelled");
    const response = (await post(JARFALLA_PARTICIPANT, jarfalla, { intent: "kommer" })) as Response;
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).formError).toBe("Serien är inställd. Det går inte att svara på tillfället.");
    expect(replyRows(jarfalla)).toEqual([]);
  });

  it("marks a held seminar as started, so no form is offered", async () => {
    expect((await load(SOFIA, seminar(2))).block).toBe("started");
  });
});

describe("POST reply", () => {
  it("stores 'kommer inte', then 'kommer' replaces it, and redirects to a thank-you notice", async () => {
    const before = Date.now();
    const response = (await post(SOFIA, seminar(3), { intent: "kommer_inte" })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/mina-sidor/tillfallen/${seminar(3)}?sparat=svar`);
    const [row] = replyRows(seminar(3));
    expect(replyRows(seminar(3))).toEqual([{ personId: person(SOFIA).id, reply: "kommer_inte", repliedAt: row.repliedAt }]);
    expect(row.repliedAt).toBeGreaterThanOrEqual(before);
    expect(row.repliedAt).toBeLessThanOrEqual(Date.now());

    await post(SOFIA, seminar(3), { intent: "kommer" });
    expect(replyRows(seminar(3)).map((r) => [r.personId, r.reply])).toEqual([[person(SOFIA).id, "kommer"]]);

    const data = await load(SOFIA, seminar(3), "?sparat=svar");
    expect(data.reply).toBe("kommer");
    expect(data.saved).toBe("svar");
  });

  it("answers 400 with a Swedish message to a reply after the start, and writes nothing", async () => {
    const response = (await post(SOFIA, seminar(2), { intent: "kommer" })) as Response;
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).formError).toBe("Tillfället har redan börjat. Du kan inte längre ändra ditt svar eller föreslå en ersättare.");
    expect(replyRows(seminar(2))).toEqual([]);
  });

  it("answers 404 to a Botkyrka participant's forged reply to a Huddinge session, and writes nothing", async () => {
    expect((await thrownResponse(post(BOTKYRKA_PARTICIPANT, seminar(3), { intent: "kommer_inte" }))).status).toBe(404);
    expect(
      (await thrownResponse(post(BOTKYRKA_PARTICIPANT, seminar(3), { intent: "ersattare", name: "Eva", email: "eva@example.se", workplace: "" }))).status,
    ).toBe(404);
    expect(replyRows(seminar(3))).toEqual([]);
    expect(substitutionRows(seminar(3))).toEqual([]);
  });

  it("answers 400 to an unknown intent", async () => {
    const response = (await post(SOFIA, seminar(3), { intent: "kanske" })) as Response;
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).formError).toBe("Begäran kunde inte tolkas. Ladda om sidan och försök igen.");
    expect(replyRows(seminar(3))).toEqual([]);
  });

  it("refuses a reply from someone who comes as a confirmed substitute for another participant", async () => {
    const sofia = person(SOFIA);
    const zeynep = person(BOTKYRKA_PARTICIPANT);
    sql()
      .prepare(
        `insert into substitutions (series_id, series_session_id, for_person_id, name, email, email_normalized, status, substitute_person_id)
         values (?, ?, ?, ?, ?, ?, 'bekraftad', ?)`,
      )
      .run(huddinge(), seminar(3), sofia.id, zeynep.name, BOTKYRKA_PARTICIPANT, BOTKYRKA_PARTICIPANT, zeynep.id);

    const data = await load(BOTKYRKA_PARTICIPANT, seminar(3));
    expect(data.block).toBe("substitute");
    expect(data.session.substituteForName).toBe("Sofia Hassan");
    const response = (await post(BOTKYRKA_PARTICIPANT, seminar(3), { intent: "kommer_inte" })) as Response;
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).formError).toBe("Du är med som ersättare för Sofia Hassan. Kontakta kommunens samordnare om du inte kan komma.");
    expect(replyRows(seminar(3))).toEqual([]);
  });
});

describe("POST substitute", () => {
  const colleague = { intent: "ersattare", name: "Eva Lind", email: "Eva.Lind@Huddinge.example", workplace: "Vistaskolan" };

  it("stores a pending substitute with exact values and mails the coordinators, never the colleague", async () => {
    const sofia = person(SOFIA);
    await post(SOFIA, seminar(3), { intent: "kommer_inte" });
    const outbox = lastOutboxId();

    const response = (await post(SOFIA, seminar(3), colleague)) as Response;

    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/mina-sidor/tillfallen/${seminar(3)}?sparat=ersattare`);
    expect(substitutionRows(seminar(3))).toEqual([
      {
        seriesId: huddinge(),
        sessionId: seminar(3),
        forPersonId: sofia.id,
        name: "Eva Lind",
        email: "Eva.Lind@Huddinge.example",
        emailNormalized: "eva.lind@huddinge.example",
        workplace: "Vistaskolan",
        status: "foreslagen",
        substitutePersonId: null,
        handledAt: null,
        handledById: null,
      },
    ]);
    const mails = outboxAfter(outbox);
    expect(mails.map((m) => [m.toAddress, m.subject])).toEqual([
      ["samordnare@huddinge.example", "Ersättare att bekräfta: Processtöd skolnärvaro Huddinge, 2026-11-24"],
    ]);
    expect(mails[0].body).toBe(
      [
        "Hej!",
        "",
        "Sofia Hassan kan inte komma på Samverkan och samordnat stöd vid närvaroproblem i förskola och skola den 2026-11-24 08:30–12:00 (Processtöd skolnärvaro Huddinge) och föreslår en kollega som ersättare:",
        "",
        "Eva Lind, Vistaskolan",
        "",
        "Bekräfta eller avvisa förslaget på tillfällets sida:",
        `http://localhost/serier/${huddinge()}/tillfallen/${seminar(3)}`,
        "",
        "Kollegan får ingen inbjudan förrän ersättaren är bekräftad.",
        "",
        "Vänliga hälsningar",
        "Processtöd",
      ].join("\n"),
    );
    expect(mails[0].body.toLowerCase()).not.toContain("eva.lind@");
    const toColleague = sql().prepare("select count(*) as n from mail_outbox where lower(to_address) = 'eva.lind@huddinge.example'").get();
    expect(toColleague).toEqual({ n: 0 });

    const data = await load(SOFIA, seminar(3), "?sparat=ersattare");
    expect(data.substitute).toEqual({ name: "Eva Lind", email: "Eva.Lind@Huddinge.example", workplace: "Vistaskolan", status: "foreslagen" });
  });

  it("answers 400 with the Swedish message when the participant names herself, keeps the values and writes nothing", async () => {
    await post(SOFIA, seminar(3), { intent: "kommer_inte" });
    const outbox = lastOutboxId();
    const response = (await post(SOFIA, seminar(3), { intent: "ersattare", name: "Sofia Hassan", email: " SOFIA.HASSAN76@huddinge.example ", workplace: "" })) as Response;
    expect(response.status).toBe(400);
    const body = await bodyOf(response);
    expect(body.errors).toEqual({ email: "Du kan inte vara din egen ersättare." });
    expect(body.values).toEqual({ name: "Sofia Hassan", email: " SOFIA.HASSAN76@huddinge.example ", workplace: "" });
    expect(substitutionRows(seminar(3))).toEqual([]);
    expect(outboxAfter(outbox)).toEqual([]);
  });

  it("answers 400 with Swedish field messages for a missing name, a bad address and a long workplace", async () => {
    await post(SOFIA, seminar(3), { intent: "kommer_inte" });
    const response = (await post(SOFIA, seminar(3), { intent: "ersattare", name: "  ", email: "eva@", workplace: "x".repeat(201) })) as Response;
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).errors).toEqual({
      name: "Fältet måste fyllas i.",
      email: "Ange en giltig e-postadress, till exempel namn@kommun.se.",
      workplace: "Texten är för lång (högst 200 tecken).",
    });
    const missing = (await post(SOFIA, seminar(3), { intent: "ersattare", name: "Eva", email: "", workplace: "" })) as Response;
    expect((await bodyOf(missing)).errors).toEqual({ email: "Ange en e-postadress." });
    expect(substitutionRows(seminar(3))).toEqual([]);
  });

  it("answers 400 to a substitute before the participant has said she is not coming", async () => {
    const response = (await post(SOFIA, seminar(3), colleague)) as Response;
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).formError).toBe("Svara först att du inte kommer. Sedan kan du föreslå en ersättare.");
    expect(substitutionRows(seminar(3))).toEqual([]);
  });

  it("withdraws a pending substitute when the reply changes back to 'kommer', in the same post", async () => {
    await post(SOFIA, seminar(3), { intent: "kommer_inte" });
    await post(SOFIA, seminar(3), colleague);
    await post(DANIEL, seminar(3), { intent: "kommer_inte" });
    await post(DANIEL, seminar(3), { ...colleague, name: "Per Ek", email: "per.ek@huddinge.example" });

    const response = (await post(SOFIA, seminar(3), { intent: "kommer" })) as Response;

    expect(response.headers.get("Location")).toBe(`/mina-sidor/tillfallen/${seminar(3)}?sparat=svar-ersattare-borttagen`);
    // Daniel's own substitute is untouched.
    expect(substitutionRows(seminar(3))).toMatchObject([{ forPersonId: person(DANIEL).id, name: "Per Ek", status: "foreslagen" }]);
    expect(replyRows(seminar(3)).find((r) => r.personId === person(SOFIA).id)?.reply).toBe("kommer");
  });

  it("withdraws a pending substitute on request, and says so when there is none", async () => {
    await post(SOFIA, seminar(3), { intent: "kommer_inte" });
    await post(SOFIA, seminar(3), colleague);
    const response = (await post(SOFIA, seminar(3), { intent: "aterkalla" })) as Response;
    expect(response.headers.get("Location")).toBe(`/mina-sidor/tillfallen/${seminar(3)}?sparat=ersattare-borttagen`);
    expect(substitutionRows(seminar(3))).toEqual([]);
    const again = (await post(SOFIA, seminar(3), { intent: "aterkalla" })) as Response;
    expect(again.status).toBe(400);
    expect((await bodyOf(again)).formError).toBe("Det finns ingen ersättare som väntar på bekräftelse att ta bort.");
  });

  it("keeps a confirmed substitute when the reply changes to 'kommer', and refuses a new name with 400", async () => {
    const sofia = person(SOFIA);
    await post(SOFIA, seminar(3), { intent: "kommer_inte" });
    sql()
      .prepare(
        `insert into substitutions (series_id, series_session_id, for_person_id, name, email, email_normalized, status)
         values (?, ?, ?, 'Eva Lind', 'eva.lind@huddinge.example', 'eva.lind@huddinge.example', 'bekraftad')`,
      )
      .run(huddinge(), seminar(3), sofia.id);
    const refused = (await post(SOFIA, seminar(3), colleague)) as Response;
    expect(refused.status).toBe(400);
    expect((await bodyOf(refused)).formError).toBe(
      "Samordnaren har redan bekräftat en ersättare för dig. Kontakta samordnaren om du vill byta.",
    );
    await post(SOFIA, seminar(3), { intent: "kommer" });
    expect(substitutionRows(seminar(3))).toMatchObject([{ name: "Eva Lind", status: "bekraftad" }]);
  });
});

describe("GET /mina-sidor/tillfallen/:sessionId/kalender", () => {
  it("gives the session as an .ics attachment, linking to the portal page", async () => {
    const id = seminar(3);
    const response = await icsLoader({ request: getRequest(`/mina-sidor/tillfallen/${id}/kalender`, await cookieFor(SOFIA)), params: { sessionId: String(id) }, context });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="tillfalle-${id}.ics"`);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const body = (await response.text()).replace(/\r\n /g, "");
    const lines = body.split("\r\n");
    // 08:30 Stockholm time is 07:30 UTC; the file writes the wall-clock time with its zone.
    expect(lines).toContain("DTSTART;TZID=Europe/Stockholm:20261124T083000");
    expect(lines).toContain("DTEND;TZID=Europe/Stockholm:20261124T120000");
    expect(lines).toContain("SUMMARY:Samverkan och samordnat stöd vid närvaroproblem i förskola och skola (Processtöd skolnärvaro Huddinge)");
    expect(lines).toContain(`UID:tillfalle-${id}@processtod`);
    expect(lines).toContain(`URL:http://localhost/mina-sidor/tillfallen/${id}`);
  });

  it("answers 404 to a Botkyrka participant asking for a Huddinge session", async () => {
    const id = seminar(3);
    const response = await thrownResponse(
      icsLoader({ request: getRequest(`/mina-sidor/tillfallen/${id}/kalender`, await cookieFor(BOTKYRKA_PARTICIPANT)), params: { sessionId: String(id) }, context }),
    );
    expect(response.status).toBe(404);
  });
});
