/**
 * Planning a series end to end through the models and the route actions:
 * create from the template, edit with the scheduling rules, override with a
 * reason, cancel and rebook, exchange sessions, readiness and calendars.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { formatDate, formatTime } from "~/lib/format";
import { seriesWarnings } from "~/lib/schedule-warnings.server";
import { proposeDates } from "~/lib/scheduling";
import { stockholmToUtc } from "~/lib/time";
import { hashToken } from "~/lib/tokens.server";
import { listCalendarItems, regenerateCalendarToken, userIdByCalendarToken } from "~/models/calendar.server";
import { getDb, schema } from "~/models/db.server";
import { getExchangeEvent, setLinkedSeries } from "~/models/exchange.server";
import { getReadiness } from "~/models/readiness.server";
import { getTargets, getTemplateTargets, saveTemplateTargets } from "~/models/representation.server";
import { createSeriesFromTemplate } from "~/models/series-planning.server";
import { addTemplateSession, deleteTemplateSession, getTemplate, listTemplates } from "~/models/template.server";
import { action as readinessAction } from "~/routes/serier.$seriesId.forankring";
import { action as seriesAction } from "~/routes/serier.$seriesId._index";
import { action as sessionAction } from "~/routes/serier.$seriesId.tillfallen.$sessionId._index";
import {
  DEMO_EMAILS,
  organisationId,
  postForm,
  seriesId,
  seriesSessionRow,
  seriesSessionRows,
  signedInCookie,
  thrownResponse,
  userId,
} from "../support/integration";

const context = { clientIp: "192.0.2.20" };
const ifous = () => listTemplates().find((t) => t.name === "Ifous processtöd – skolnärvaro")!;

function newSollentunaSeries(firstDate = "2027-02-02") {
  return createSeriesFromTemplate({
    name: "Processtöd skolnärvaro Sollentuna",
    term: "VT 2027",
    templateId: ifous().id,
    organisationIds: [organisationId("Sollentuna")],
    processLeaderId: userId(DEMO_EMAILS.admin),
    coordinatorIds: [],
    firstDate,
  });
}

/** The form the session page posts, filled from a row with some values changed. */
function sessionForm(row: ReturnType<typeof seriesSessionRow>, changes: Record<string, string>) {
  return {
    intent: "save",
    date: formatDate(row.startsAt),
    startTime: formatTime(row.startsAt),
    endTime: formatTime(row.endsAt),
    format: row.format,
    venue: row.venue ?? "",
    meetingLink: row.meetingLink ?? "",
    expert: row.expert ?? "",
    capacity: row.capacity?.toString() ?? "",
    notes: row.notes ?? "",
    prepHours: row.prepHours?.toString() ?? "",
    ...changes,
  };
}

async function saveSession(series: number, sessionId: number, fields: Record<string, string>, cookie: string) {
  return sessionAction({
    request: postForm(`/serier/${series}/tillfallen/${sessionId}`, fields, cookie),
    params: { seriesId: String(series), sessionId: String(sessionId) },
    context,
  });
}

describe("creating a series from a template", () => {
  it("creates the three seminars, not the shared exchange session, a month apart on the same weekday", () => {
    const id = newSollentunaSeries();
    const sessions = seriesSessionRows(id);
    expect(sessions.map((s) => formatDate(s.startsAt))).toEqual(["2027-02-02", "2027-03-02", "2027-04-06"]);
    expect(sessions.map((s) => `${formatTime(s.startsAt)}–${formatTime(s.endsAt)}`)).toEqual(["08:30–12:00", "08:30–12:00", "08:30–12:00"]);
    expect(sessions.map((s) => s.title)).toEqual([
      "Skolnärvaro. En översikt av forskning om att främja alla barns och ungas närvaro i skolan",
      "Att utreda närvaroproblem i skolan",
      "Samverkan och samordnat stöd vid närvaroproblem i förskola och skola",
    ]);
    expect(sessions[1].expert).toBe("Malin Gren Landell, leg. psykolog");
    const row = getDb().select().from(schema.series).where(eq(schema.series.id, id)).get()!;
    expect(row.status).toBe("utkast");
    expect(seriesWarnings({ seriesId: id, now: new Date("2026-11-23T12:00:00Z") }).size).toBe(0);
  });

  it("proposes every other week for a template without a month rule", () => {
    expect(proposeDates("2027-01-12", 3, { minimumMonthsBetween: null, intervalDays: 14 })).toEqual(["2027-01-12", "2027-01-26", "2027-02-09"]);
    expect(proposeDates("2027-01-29", 3, { minimumMonthsBetween: 1, intervalDays: null })).toEqual(["2027-01-29", "2027-03-05", "2027-04-09"]);
  });
});

describe("editing a session under the scheduling rules", () => {
  it("refuses seminar 2 three weeks after seminar 1 until a reason is given, then stores and shows it", async () => {
    const id = newSollentunaSeries();
    const [, second] = seriesSessionRows(id);
    const cookie = await signedInCookie(userId(DEMO_EMAILS.admin));

    const refused = (await saveSession(id, second.id, sessionForm(second, { date: "2027-02-23" }), cookie)) as Response;
    expect(refused.status).toBe(400);
    const body = await refused.json();
    expect(body.errors.overrideReason).toBe("Skriv en motivering för att spara trots varningen.");
    expect(body.warnings).toEqual([
      {
        code: "tooClose",
        session: "2. Att utreda närvaroproblem i skolan",
        previous: "1. Skolnärvaro. En översikt av forskning om att främja alla barns och ungas närvaro i skolan",
        months: 1,
      },
    ]);
    expect(seriesSessionRow(second.id)).toEqual(second);

    const saved = (await saveSession(
      id,
      second.id,
      sessionForm(second, { date: "2027-02-23", overrideReason: "Experten kan bara detta datum." }),
      cookie,
    )) as Response;
    expect(saved.status).toBe(302);
    const after = seriesSessionRow(second.id);
    expect(formatDate(after.startsAt)).toBe("2027-02-23");
    expect(after.overrideReason).toBe("Experten kan bara detta datum.");
    expect(seriesWarnings({ seriesId: id }).get(second.id)?.map((w) => w.code)).toEqual(["tooClose"]);
  });

  it("clears the reason when a later save breaks no rule", async () => {
    const id = newSollentunaSeries();
    const [, second] = seriesSessionRows(id);
    const cookie = await signedInCookie(userId(DEMO_EMAILS.admin));
    await saveSession(id, second.id, sessionForm(second, { date: "2027-02-23", overrideReason: "Tillfälligt" }), cookie);
    await saveSession(id, second.id, sessionForm(seriesSessionRow(second.id), { date: "2027-03-09", overrideReason: "Tillfälligt" }), cookie);
    expect(seriesSessionRow(second.id).overrideReason).toBeNull();
  });

  it.each([
    [{ date: "2027-02-30" }, "date", "Ange ett giltigt datum som ÅÅÅÅ-MM-DD, till exempel 2026-09-15."],
    [{ endTime: "08:00" }, "endTime", "Sluttiden måste vara efter starttiden."],
    [{ startTime: "25:00" }, "startTime", "Ange en tid som TT:MM, till exempel 08:30."],
    [{ meetingLink: "javascript:alert(1)" }, "meetingLink", "Länken måste vara en webbadress som börjar med http:// eller https://."],
    [{ prepHours: "många" }, "prepHours", "Ange ett tal mellan 0 och 100."],
  ])("answers %o with 400, a message on the field and nothing saved", async (change, field, message) => {
    const id = newSollentunaSeries();
    const [first] = seriesSessionRows(id);
    const cookie = await signedInCookie(userId(DEMO_EMAILS.admin));
    const response = (await saveSession(id, first.id, sessionForm(first, change), cookie)) as Response;
    expect(response.status).toBe(400);
    expect((await response.json()).errors[field]).toBe(message);
    expect(seriesSessionRow(first.id)).toEqual(first);
  });

  it("warns about a date in the past and about the process leader booked elsewhere at the same time", async () => {
    const id = newSollentunaSeries();
    const [first] = seriesSessionRows(id);
    const huddingeThird = seriesSessionRows(seriesId("Huddinge"))[2]; // 2026-11-24 08:30, same process leader
    const warnings = seriesWarnings({
      seriesId: id,
      proposed: { sessionId: first.id, startsAt: huddingeThird.startsAt, endsAt: huddingeThird.endsAt, expert: "Malin Gren Landell" },
      now: new Date("2026-12-01T00:00:00Z"),
    }).get(first.id);
    expect(warnings?.map((w) => w.code)).toEqual(["inPast", "processLeader", "expert"]);
    expect(warnings?.[2]).toMatchObject({ name: "Malin Gren Landell", other: expect.stringContaining("Huddinge") });
  });

  it("lets a coordinator read but not save the session form (403)", async () => {
    const huddinge = seriesId("Huddinge");
    const [first] = seriesSessionRows(huddinge);
    const cookie = await signedInCookie(userId(DEMO_EMAILS.huddinge));
    const response = await thrownResponse(saveSession(huddinge, first.id, sessionForm(first, { venue: "Annat" }), cookie));
    expect(response.status).toBe(403);
    expect(seriesSessionRow(first.id)).toEqual(first);
  });
});

describe("cancel and rebook", () => {
  async function postSeries(id: number, fields: Record<string, string>) {
    const cookie = await signedInCookie(userId(DEMO_EMAILS.admin));
    return (await seriesAction({ request: postForm(`/serier/${id}`, fields, cookie), params: { seriesId: String(id) }, context })) as Response;
  }

  it("requires a reason to cancel", async () => {
    const id = newSollentunaSeries();
    const response = await postSeries(id, { intent: "status", status: "avbruten", cancelReason: " " });
    expect(response.status).toBe(400);
    expect((await response.json()).errors.cancelReason).toBe("Skriv varför serien avbryts.");
    expect(getDb().select().from(schema.series).where(eq(schema.series.id, id)).get()!.status).toBe("utkast");
  });

  it("cancels with a reason and rebooks to a later term as a new, linked series", async () => {
    const id = newSollentunaSeries();
    expect((await postSeries(id, { intent: "status", status: "avbruten", cancelReason: "För få deltagare" })).status).toBe(302);
    const rebooked = await postSeries(id, { intent: "rebook", term: "ht 2027", firstDate: "2027-09-07" });
    expect(rebooked.status).toBe(302);
    const newId = Number(rebooked.headers.get("Location")!.match(/\/serier\/(\d+)/)![1]);
    const row = getDb().select().from(schema.series).where(eq(schema.series.id, newId)).get()!;
    expect(row).toMatchObject({ term: "HT 2027", status: "utkast", rebookedFromId: id, name: "Processtöd skolnärvaro Sollentuna" });
    expect(seriesSessionRows(newId).map((s) => formatDate(s.startsAt))).toEqual(["2027-09-07", "2027-10-12", "2027-11-16"]);
    const orgs = getDb().select().from(schema.seriesOrganisations).where(eq(schema.seriesOrganisations.seriesId, newId)).all();
    expect(orgs.map((o) => o.organisationId)).toEqual([organisationId("Sollentuna")]);
    const old = getDb().select().from(schema.series).where(eq(schema.series.id, id)).get()!;
    expect(old).toMatchObject({ status: "avbruten", cancelReason: "För få deltagare" });
  });

  it("does not rebook a series that is not cancelled", async () => {
    const response = await postSeries(seriesId("Huddinge"), { intent: "rebook", term: "HT 2027", firstDate: "2027-09-07" });
    expect(response.status).toBe(400);
    expect((await response.json()).errors.term).toBe("Bara en avbruten serie kan bokas om.");
  });
});

describe("templates", () => {
  it("adds and deletes sessions and keeps the numbering without gaps", () => {
    const template = listTemplates().find((t) => t.name === "Gemensamma utbildningsdagar")!;
    const fields = { kind: "traff" as const, theme: null, expert: null, studyMaterial: null, prepHours: null };
    addTemplateSession({ templateId: template.id, values: { ...fields, title: "Utbildningsdag 3" } });
    addTemplateSession({ templateId: template.id, values: { ...fields, title: "Utbildningsdag 4" } });
    const before = getTemplate({ templateId: template.id })!.sessions;
    expect(before.map((s) => `${s.position}:${s.title.slice(0, 15)}`)).toEqual([
      "1:Utbildningsdag ",
      "2:Utbildningsdag ",
      "3:Utbildningsdag ",
      "4:Utbildningsdag ",
    ]);
    expect(deleteTemplateSession({ templateId: template.id, sessionId: before[1].id })).toBe(true);
    const after = getTemplate({ templateId: template.id })!.sessions;
    expect(after.map((s) => [s.position, s.title])).toEqual([
      [1, "Utbildningsdag 1: Gemensam kunskapsgrund"],
      [2, "Utbildningsdag 3"],
      [3, "Utbildningsdag 4"],
    ]);
  });
});

describe("the exchange session", () => {
  it("has the participants of all linked series, each person once", () => {
    const event = getExchangeEvent({ eventId: 1, scope: { kind: "all" } })!;
    expect(event.title).toBe("Erfarenhetsutbyte 2026/2027");
    expect(event.linkedSeries.map((s) => [s.name, s.participants])).toEqual([
      ["Processtöd skolnärvaro Huddinge", 90],
      ["Processtöd skolnärvaro Nacka", 70],
    ]);
    expect(event.participants).toBe(160);

    // Someone enrolled in both linked series is one participant of the exchange.
    const huddingePerson = getDb().select().from(schema.enrolments).where(eq(schema.enrolments.seriesId, seriesId("Huddinge"))).get()!;
    getDb().insert(schema.enrolments).values({ seriesId: seriesId("Nacka"), personId: huddingePerson.personId }).run();
    expect(getExchangeEvent({ eventId: 1, scope: { kind: "all" } })!.participants).toBe(160);

    setLinkedSeries({ eventId: 1, seriesIds: [seriesId("Huddinge"), seriesId("Nacka"), seriesId("Botkyrka")] });
    expect(getExchangeEvent({ eventId: 1, scope: { kind: "all" } })!.participants).toBe(235);
  });

  it("is visible to coordinators of linked series only", () => {
    const huddinge = { kind: "organisations" as const, organisationIds: [organisationId("Huddinge")] };
    const sollentuna = { kind: "organisations" as const, organisationIds: [organisationId("Sollentuna")] };
    expect(getExchangeEvent({ eventId: 1, scope: huddinge })?.linkedSeries.map((s) => s.name)).toEqual(["Processtöd skolnärvaro Huddinge"]);
    expect(getExchangeEvent({ eventId: 1, scope: sollentuna })).toBeNull();
  });
});

describe("readiness checklist", () => {
  const answers = {
    purpose: "Bygga gemensam struktur",
    initiatorMandate: "Förvaltningscheferna",
    participatingFunctions: "Rektorer och IFO-chefer",
    motivation: "Avsatt arbetstid",
    continuation: "Arbetsgrupp",
    ongoingWork: "Närvaroteamet",
  };
  const post = async (email: string, series: number, fields: Record<string, string>) =>
    readinessAction({
      request: postForm(`/serier/${series}/forankring`, fields, await signedInCookie(userId(email))),
      params: { seriesId: String(series) },
      context,
    });

  it("is saved by the municipality's coordinator", async () => {
    const huddinge = seriesId("Huddinge");
    const response = (await post(DEMO_EMAILS.huddinge, huddinge, answers)) as Response;
    expect(response.status).toBe(302);
    expect(getReadiness({ seriesId: huddinge })).toMatchObject(answers);
  });

  it("answers 404 to a forged post for another municipality, and 403 to a sponsor", async () => {
    const botkyrka = seriesId("Botkyrka");
    const before = getReadiness({ seriesId: botkyrka });
    expect((await thrownResponse(post(DEMO_EMAILS.huddinge, botkyrka, answers))).status).toBe(404);
    expect((await thrownResponse(post(DEMO_EMAILS.sponsor, botkyrka, answers))).status).toBe(403);
    expect(getReadiness({ seriesId: botkyrka })).toEqual(before);
  });
});

describe("calendar", () => {
  it("lists sessions and exchange events in a month, filtered in SQL", () => {
    const november = { from: stockholmToUtc("2026-11-01", "00:00"), to: stockholmToUtc("2026-12-01", "00:00") };
    expect(listCalendarItems({ scope: { kind: "all" }, ...november }).map((i) => `${i.kind}:${formatDate(i.startsAt)}:${i.organisations}`)).toEqual([
      "session:2026-11-24:Huddinge",
    ]);
    const may = { from: stockholmToUtc("2027-05-01", "00:00"), to: stockholmToUtc("2027-06-01", "00:00") };
    const jarfallaScope = { kind: "organisations" as const, organisationIds: [organisationId("Järfälla")] };
    const nackaScope = { kind: "organisations" as const, organisationIds: [organisationId("Nacka")] };
    expect(listCalendarItems({ scope: nackaScope, ...may }).map((i) => i.title)).toEqual(["Erfarenhetsutbyte 2026/2027"]);
    expect(listCalendarItems({ scope: jarfallaScope, ...may })).toEqual([]);
    const spring = { from: stockholmToUtc("2027-01-01", "00:00"), to: stockholmToUtc("2027-07-01", "00:00") };
    expect(listCalendarItems({ scope: { kind: "all" }, ...spring, organisationId: organisationId("Stockholm") }).map((i) => i.organisations)).toEqual([
      "Skärholmen",
      "Skärholmen",
      "Skärholmen",
    ]);
  });

  it("gives each staff user a feed secret that stops working when regenerated", () => {
    const admin = userId(DEMO_EMAILS.admin);
    const first = regenerateCalendarToken({ userId: admin });
    expect(userIdByCalendarToken({ token: first })).toBe(admin);
    const stored = getDb().select({ hash: schema.users.calendarTokenHash }).from(schema.users).where(eq(schema.users.id, admin)).get()!;
    expect(stored.hash).toBe(hashToken(first));
    const second = regenerateCalendarToken({ userId: admin });
    expect(userIdByCalendarToken({ token: first })).toBeNull();
    expect(userIdByCalendarToken({ token: second })).toBe(admin);
  });
});

describe("sessions that have already taken place", () => {
  it("can get new notes without a reason, but not be moved to another past date", async () => {
    const huddinge = seriesId("Huddinge");
    const [first] = seriesSessionRows(huddinge); // 2026-09-15, before today
    const cookie = await signedInCookie(userId(DEMO_EMAILS.admin));
    const notes = (await saveSession(huddinge, first.id, sessionForm(first, { notes: "Bra diskussioner i grupperna." }), cookie)) as Response;
    expect(notes.status).toBe(302);
    expect(seriesSessionRow(first.id).notes).toBe("Bra diskussioner i grupperna.");

    const moved = (await saveSession(huddinge, first.id, sessionForm(seriesSessionRow(first.id), { date: "2026-09-08" }), cookie)) as Response;
    expect(moved.status).toBe(400);
    expect((await moved.json()).warnings.map((w: { code: string }) => w.code)).toEqual(["inPast"]);
    expect(formatDate(seriesSessionRow(first.id).startsAt)).toBe("2026-09-15");
  });
});

describe("representation targets from the template", () => {
  it("are copied to each new series, and changing the template affects only later series", () => {
    const template = ifous();
    expect(getTemplateTargets({ templateId: template.id })).toEqual([
      { sector: "halso_sjukvard", minCount: 2, minSharePercent: null },
      { sector: "socialtjanst", minCount: null, minSharePercent: 20 },
    ]);
    const before = newSollentunaSeries();
    saveTemplateTargets({
      templateId: template.id,
      targets: [
        { sector: "skola", minCount: null, minSharePercent: null },
        { sector: "socialtjanst", minCount: 3, minSharePercent: 25 },
        { sector: "halso_sjukvard", minCount: 4, minSharePercent: null },
      ],
    });
    const after = newSollentunaSeries("2027-09-07");
    const sorted = (id: number) => getTargets({ seriesId: id }).targets.sort((a, b) => a.sector.localeCompare(b.sector));
    expect(sorted(before)).toEqual([
      { sector: "halso_sjukvard", minCount: 2, minSharePercent: null },
      { sector: "socialtjanst", minCount: null, minSharePercent: 20 },
    ]);
    expect(sorted(after)).toEqual([
      { sector: "halso_sjukvard", minCount: 4, minSharePercent: null },
      { sector: "socialtjanst", minCount: 3, minSharePercent: 25 },
    ]);
  });
});
