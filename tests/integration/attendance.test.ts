/**
 * The roster through its routes, on a real SQLite copy of the demo data:
 * marking, the no-JS bulk save, "mark all present", substitutes, walk-ins,
 * the change history, and who may do what (session and exchange rosters).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { getDb } from "~/models/db.server";
import { listRoster } from "~/models/attendance.server";
import { action as rosterAction, loader as rosterLoader } from "~/routes/serier.$seriesId.tillfallen.$sessionId.narvaro";
import { action as substituteAction } from "~/routes/serier.$seriesId.tillfallen.$sessionId.ersattare";
import { action as walkInAction } from "~/routes/serier.$seriesId.tillfallen.$sessionId.pa-plats";
import { action as exchangeRosterAction, loader as exchangeRosterLoader } from "~/routes/utbyten.$eventId.narvaro";
import { DEMO_EMAILS, getRequest, postForm, seriesId, seriesSessionRows, signedInCookie, thrownResponse, userId } from "../support/integration";

const context = { clientIp: "192.0.2.50" };
const sqlite = () => getDb().$client;

const huddinge = () => seriesId("Huddinge");
const seminar = (series: number, position: number) => seriesSessionRows(series)[position - 1];
const rosterPath = (series: number, session: number) => `/serier/${series}/tillfallen/${session}/narvaro`;
const params = (series: number, session: number) => ({ seriesId: String(series), sessionId: String(session) });

function enrolledIds(series: number, sector?: string): number[] {
  return (
    sqlite()
      .prepare(
        `select e.person_id as id from enrolments e join people p on p.id = e.person_id
         where e.series_id = ? and e.status = 'anmald' ${sector ? "and p.sector = ?" : ""} order by e.person_id`,
      )
      .all(...(sector ? [series, sector] : [series])) as { id: number }[]
  ).map((r) => r.id);
}

function attendanceRow(sessionId: number, personId: number) {
  return sqlite()
    .prepare("select status, substitute_for_person_id as substituteFor, walk_in as walkIn, updated_by_id as updatedBy from attendance where series_session_id = ? and person_id = ?")
    .get(sessionId, personId) as { status: string; substituteFor: number | null; walkIn: number; updatedBy: number | null } | undefined;
}

const historyCount = (sessionId: number) =>
  (sqlite().prepare("select count(*) as n from attendance_changes where series_session_id = ?").get(sessionId) as { n: number }).n;

type Action = (args: ActionFunctionArgs) => Promise<unknown>;

async function post(path: string, p: Record<string, string>, fields: Record<string, string>, email: string, action: Action = rosterAction) {
  const cookie = await signedInCookie(userId(email));
  const result = await action({ request: postForm(path, fields, cookie), params: p, context });
  return result as Response;
}

describe("marking one row", () => {
  it("saves the status, who set it, and a history line", async () => {
    const series = huddinge();
    const session = seminar(series, 3);
    const person = enrolledIds(series)[0];
    const response = await post(rosterPath(series, session.id), params(series, session.id), { intent: "mark", personId: String(person), status: "sen" }, DEMO_EMAILS.huddinge);
    expect(response.status).toBe(200);
    expect(attendanceRow(session.id, person)).toMatchObject({ status: "sen", updatedBy: userId(DEMO_EMAILS.huddinge) });
    const history = sqlite()
      .prepare("select status, source, changed_by_id as by from attendance_changes where series_session_id = ? and person_id = ?")
      .all(session.id, person);
    expect(history).toEqual([{ status: "sen", source: "roster", by: userId(DEMO_EMAILS.huddinge) }]);
  });

  it("refuses a status that does not exist, and 'ersatt' without a substitute, writing nothing", async () => {
    const series = huddinge();
    const session = seminar(series, 3);
    const person = enrolledIds(series)[1];
    const before = historyCount(session.id);
    for (const [status, message] of [
      ["borta", "Välj en av närvarostatusarna i listan."],
      ["ersatt", "Status Ersatt kräver att du anger vem som kom i stället. Välj Registrera ersättare."],
    ]) {
      const response = await post(rosterPath(series, session.id), params(series, session.id), { intent: "mark", personId: String(person), status }, DEMO_EMAILS.huddinge);
      expect(response.status).toBe(400);
      expect((await response.json()).error).toBe(message);
    }
    expect(attendanceRow(session.id, person)).toBeUndefined();
    expect(historyCount(session.id)).toBe(before);
  });

  it("answers 404 for a person who is not on this roster", async () => {
    const series = huddinge();
    const session = seminar(series, 3);
    const botkyrkaPerson = enrolledIds(seriesId("Botkyrka"))[0];
    const response = await post(rosterPath(series, session.id), params(series, session.id), { intent: "mark", personId: String(botkyrkaPerson), status: "narvarande" }, DEMO_EMAILS.admin);
    expect(response.status).toBe(404);
    expect(attendanceRow(session.id, botkyrkaPerson)).toBeUndefined();
  });
});

describe("the form without JavaScript", () => {
  it("writes only the rows whose status changed from what the page showed", async () => {
    const series = huddinge();
    const session = seminar(series, 3);
    const [a, b, c] = enrolledIds(series).slice(10, 13);
    // Someone else marked c after this page was drawn; the stale page must not overwrite it.
    await post(rosterPath(series, session.id), params(series, session.id), { intent: "mark", personId: String(c), status: "franvarande_anmalt" }, DEMO_EMAILS.admin);
    const response = await post(
      rosterPath(series, session.id),
      params(series, session.id),
      {
        intent: "save",
        [`status-${a}`]: "narvarande",
        [`shown-${a}`]: "",
        [`status-${b}`]: "",
        [`shown-${b}`]: "",
        [`status-${c}`]: "",
        [`shown-${c}`]: "",
      },
      DEMO_EMAILS.huddinge,
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`${rosterPath(series, session.id)}?klart=sparat&antal=1`);
    expect(attendanceRow(session.id, a)?.status).toBe("narvarande");
    expect(attendanceRow(session.id, b)).toBeUndefined();
    expect(attendanceRow(session.id, c)).toMatchObject({ status: "franvarande_anmalt", updatedBy: userId(DEMO_EMAILS.admin) });
  });
});

describe("mark all present, then adjust", () => {
  it("marks exactly the unmarked enrolled people and leaves marked rows alone", async () => {
    const series = huddinge();
    const session = seminar(series, 3);
    const enrolled = enrolledIds(series);
    const marked = (sqlite().prepare("select count(*) as n from attendance where series_session_id = ?").get(session.id) as { n: number }).n;
    const adjusted = enrolled[20];
    await post(rosterPath(series, session.id), params(series, session.id), { intent: "mark", personId: String(adjusted), status: "franvarande_ej_anmalt" }, DEMO_EMAILS.huddinge);
    const response = await post(rosterPath(series, session.id), params(series, session.id), { intent: "all-present" }, DEMO_EMAILS.huddinge);
    expect(response.headers.get("Location")).toBe(`${rosterPath(series, session.id)}?klart=allaNarvarande&antal=${enrolled.length - marked - 1}`);
    expect(attendanceRow(session.id, adjusted)?.status).toBe("franvarande_ej_anmalt");
    const total = (sqlite().prepare("select count(*) as n from attendance where series_session_id = ?").get(session.id) as { n: number }).n;
    expect(total).toBe(enrolled.length);
  });
});

describe("substitutes", () => {
  const substitute = (email: string, sector = "socialtjanst") => ({
    name: "Sara Ersättare",
    email,
    workplace: "Huddinge kommun",
    sector,
    roleCategory: "profession",
    jobTitle: "Socialsekreterare",
    level: "operativ",
  });

  it("records B in A's place: A 'ersatt', B present as A's substitute, both in the history", async () => {
    const series = huddinge();
    const session = seminar(series, 3);
    const absent = enrolledIds(series, "skola")[0];
    const path = `/serier/${series}/tillfallen/${session.id}/ersattare`;
    const response = await post(path, params(series, session.id), { for: String(absent), ...substitute("sara.ersattare@huddinge.example") }, DEMO_EMAILS.huddinge, substituteAction);
    expect(response.status).toBe(302);
    const b = (sqlite().prepare("select id from people where email_normalized = ?").get("sara.ersattare@huddinge.example") as { id: number }).id;
    expect(response.headers.get("Location")).toBe(`${rosterPath(series, session.id)}?klart=ersattare&person=${b}`);
    expect(attendanceRow(session.id, absent)?.status).toBe("ersatt");
    expect(attendanceRow(session.id, b)).toMatchObject({ status: "narvarande", substituteFor: absent, walkIn: 0 });
    // The roster shows "ersatt av B" on A and "ersättare för A" on B, with B's other sector.
    const roster = listRoster({ occasion: { kind: "session", seriesId: series, sessionId: session.id }, scope: { kind: "all" } });
    const rowA = roster.find((r) => r.personId === absent)!;
    const rowB = roster.find((r) => r.personId === b)!;
    expect(rowA.substitutedBy).toEqual({ id: b, name: "Sara Ersättare", sector: "socialtjanst" });
    expect(rowB.substituteFor).toMatchObject({ id: absent, sector: "skola" });
    expect(rowB.enrolled).toBe(false);
    // B is not enrolled in the series by substituting.
    expect(enrolledIds(series)).not.toContain(b);
    // A replaced seat cannot be marked directly.
    const mark = await post(rosterPath(series, session.id), params(series, session.id), { intent: "mark", personId: String(absent), status: "narvarande" }, DEMO_EMAILS.huddinge);
    expect(mark.status).toBe(400);
    expect((await mark.json()).error).toBe("Platsen är redan ersatt. Ta bort ersättaren först om personen själv kom.");

    // Removing B gives A's seat back as "frånvarande – anmält".
    const removed = await post(rosterPath(series, session.id), params(series, session.id), { intent: "remove", personId: String(b) }, DEMO_EMAILS.huddinge);
    expect(removed.status).toBe(302);
    expect(attendanceRow(session.id, b)).toBeUndefined();
    expect(attendanceRow(session.id, absent)?.status).toBe("franvarande_anmalt");
  });

  it("refuses A as their own substitute and an enrolled participant, with a message on the e-mail field", async () => {
    const series = huddinge();
    const session = seminar(series, 2);
    const [absent, enrolledColleague] = enrolledIds(series, "socialtjanst").slice(3, 5);
    const email = (id: number) => (sqlite().prepare("select email from people where id = ?").get(id) as { email: string }).email;
    const name = (id: number) => (sqlite().prepare("select name from people where id = ?").get(id) as { name: string }).name;
    const path = `/serier/${series}/tillfallen/${session.id}/ersattare`;
    const statusBefore = attendanceRow(session.id, absent)?.status;
    const before = historyCount(session.id);

    const self = await post(path, params(series, session.id), { for: String(absent), ...substitute(email(absent)) }, DEMO_EMAILS.huddinge, substituteAction);
    expect(self.status).toBe(400);
    expect((await self.json()).errors.email).toBe("En person kan inte vara ersättare för sig själv.");

    const enrolled = await post(path, params(series, session.id), { for: String(absent), ...substitute(email(enrolledColleague)) }, DEMO_EMAILS.huddinge, substituteAction);
    expect(enrolled.status).toBe(400);
    // The message names the registered person, not whatever was typed in the name field.
    expect((await enrolled.json()).errors.email).toBe(`${name(enrolledColleague)} är själv anmäld till serien och har en egen plats. Markera hen på närvarolistan i stället.`);
    expect(name(enrolledColleague)).not.toBe("Sara Ersättare"); // the existing record is not renamed
    expect(attendanceRow(session.id, absent)?.status).toBe(statusBefore);
    expect(historyCount(session.id)).toBe(before);
  });

  it("gives a field error and 400 for a bad form, and 404 for a seat outside the roster", async () => {
    const series = huddinge();
    const session = seminar(series, 3);
    const absent = enrolledIds(series, "socialtjanst")[0];
    const path = `/serier/${series}/tillfallen/${session.id}/ersattare`;
    const bad = await post(path, params(series, session.id), { for: String(absent), ...substitute("inte-en-adress"), name: "" }, DEMO_EMAILS.huddinge, substituteAction);
    expect(bad.status).toBe(400);
    const { errors } = await bad.json();
    expect(errors.name).toBe("Fältet måste fyllas i.");
    expect(errors.email).toBe("Ange en giltig e-postadress, till exempel namn@kommun.se.");
    const outside = enrolledIds(seriesId("Botkyrka"))[0];
    const response = await thrownResponse(post(path, params(series, session.id), { for: String(outside), ...substitute("x@huddinge.example") }, DEMO_EMAILS.huddinge, substituteAction));
    expect(response.status).toBe(404);
  });
});

describe("walk-ins", () => {
  it("adds someone not enrolled, marked present and as a walk-in", async () => {
    const series = huddinge();
    const session = seminar(series, 3);
    const path = `/serier/${series}/tillfallen/${session.id}/pa-plats`;
    const response = await post(
      path,
      params(series, session.id),
      { name: "Wilma Dörr", email: "wilma.dorr@regionstockholm.example", workplace: "BUP Huddinge", sector: "halso_sjukvard", roleCategory: "", jobTitle: "Skolläkare", level: "" },
      DEMO_EMAILS.huddinge,
      walkInAction,
    );
    expect(response.status).toBe(302);
    const person = sqlite().prepare("select id, role_category as role from people where email_normalized = ?").get("wilma.dorr@regionstockholm.example") as { id: number; role: string };
    expect(attendanceRow(session.id, person.id)).toMatchObject({ status: "narvarande", walkIn: 1, substituteFor: null });
    // The role is suggested from the title, as in registration.
    expect(person.role).toBe("medicinsk_elevhalsa");

    // An enrolled participant is marked on the roster, not added again.
    const enrolledEmail = (sqlite().prepare("select email from people where id = ?").get(enrolledIds(series)[5]) as { email: string }).email;
    const again = await post(path, params(series, session.id), { name: "Någon", email: enrolledEmail, sector: "skola", roleCategory: "", level: "" }, DEMO_EMAILS.huddinge, walkInAction);
    expect(again.status).toBe(400);
    expect((await again.json()).errors.email).toBe("Någon är redan anmäld till serien. Markera hen som närvarande på närvarolistan.");
  });
});

describe("who may see and mark a roster", () => {
  it("answers 404 to another municipality's coordinator, by URL and by forged post", async () => {
    const series = huddinge();
    const session = seminar(series, 3);
    const cookie = await signedInCookie(userId(DEMO_EMAILS.botkyrka));
    const seen = await thrownResponse(rosterLoader({ request: getRequest(rosterPath(series, session.id), cookie), params: params(series, session.id), context }));
    expect(seen.status).toBe(404);
    const person = enrolledIds(series)[30];
    const before = historyCount(session.id);
    const forged = await thrownResponse(
      rosterAction({ request: postForm(rosterPath(series, session.id), { intent: "mark", personId: String(person), status: "narvarande" }, cookie), params: params(series, session.id), context }),
    );
    expect(forged.status).toBe(404);
    expect(historyCount(session.id)).toBe(before);
  });

  it("answers 403 to the sponsor, who sees figures but never a roster", async () => {
    const series = huddinge();
    const session = seminar(series, 3);
    const cookie = await signedInCookie(userId(DEMO_EMAILS.sponsor));
    const response = await thrownResponse(rosterLoader({ request: getRequest(rosterPath(series, session.id), cookie), params: params(series, session.id), context }));
    expect(response.status).toBe(403);
  });

  it("sends a signed-out visitor to the sign-in page", async () => {
    const series = huddinge();
    const session = seminar(series, 3);
    const response = await thrownResponse(rosterLoader({ request: getRequest(rosterPath(series, session.id)), params: params(series, session.id), context }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/logga-in\?redirectTo=/);
  });

  it("shows each coordinator only their own people at the exchange, and the process leader everyone", async () => {
    const eventId = (sqlite().prepare("select id from exchange_events order by id limit 1").get() as { id: number }).id;
    const load = async (email: string) =>
      (await exchangeRosterLoader({ request: getRequest(`/utbyten/${eventId}/narvaro`, await signedInCookie(userId(email))), params: { eventId: String(eventId) }, context })) as Awaited<
        ReturnType<typeof exchangeRosterLoader>
      >;
    const huddingeCount = enrolledIds(huddinge()).length;
    const nackaCount = enrolledIds(seriesId("Nacka")).length;
    expect((await load(DEMO_EMAILS.huddinge)).rows.length).toBe(huddingeCount);
    expect((await load(DEMO_EMAILS.nacka)).rows.length).toBe(nackaCount);
    expect((await load(DEMO_EMAILS.admin)).rows.length).toBe(huddingeCount + nackaCount);
    expect(new Set((await load(DEMO_EMAILS.huddinge)).rows.map((r) => r.seriesId))).toEqual(new Set([huddinge()]));

    // Marking a Nacka person as the Huddinge coordinator is refused; the process leader may.
    const nackaPerson = enrolledIds(seriesId("Nacka"))[0];
    const fields = { intent: "mark", personId: String(nackaPerson), status: "narvarande" };
    const forged = await exchangeRosterAction({
      request: postForm(`/utbyten/${eventId}/narvaro`, fields, await signedInCookie(userId(DEMO_EMAILS.huddinge))),
      params: { eventId: String(eventId) },
      context,
    });
    expect((forged as Response).status).toBe(404);
    const eventRow = () => sqlite().prepare("select status, series_id as seriesId from attendance where exchange_event_id = ? and person_id = ?").get(eventId, nackaPerson);
    expect(eventRow()).toBeUndefined();
    const allowed = await exchangeRosterAction({
      request: postForm(`/utbyten/${eventId}/narvaro`, fields, await signedInCookie(userId(DEMO_EMAILS.admin))),
      params: { eventId: String(eventId) },
      context,
    });
    expect((allowed as Response).status).toBe(200);
    expect(eventRow()).toEqual({ status: "narvarande", seriesId: seriesId("Nacka") });
  });

  it("hides the exchange from a coordinator whose series does not take part", async () => {
    const eventId = (sqlite().prepare("select id from exchange_events order by id limit 1").get() as { id: number }).id;
    const response = await thrownResponse(
      exchangeRosterLoader({ request: getRequest(`/utbyten/${eventId}/narvaro`, await signedInCookie(userId(DEMO_EMAILS.botkyrka))), params: { eventId: String(eventId) }, context }),
    );
    expect(response.status).toBe(404);
  });
});
