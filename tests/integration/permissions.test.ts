import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { authCookie } from "~/lib/auth.server";
import { can, requireSeriesPermission, requireUserWithPermission, scopeFor } from "~/lib/permissions.server";
import { hashPassword } from "~/lib/password.server";
import {
  getSeries,
  listSeries,
  listSeriesParticipants,
  seriesExistsInScope,
  updateSessionPracticalities,
} from "~/models/series.server";
import { activateAccount, createStaffUser, getUserById, type StaffUser } from "~/models/user.server";
import {
  DEMO_EMAILS,
  getRequest,
  organisationId,
  seriesId,
  seriesSessionRow,
  seriesSessionRows,
  signedInCookie,
  thrownResponse,
  userId,
} from "../support/integration";

function demoUser(email: string): StaffUser {
  const user = getUserById({ userId: userId(email) });
  if (!user) throw new Error(`${email} is not an active demo user`);
  return user;
}

/** A coordinator created the way an admin would: invited, then activated with a password. */
async function activatedCoordinator(email: string, organisationNames: [string, "kommun" | "stadsdelsomrade"][]) {
  const { token } = createStaffUser({
    name: `Samordnare ${email}`,
    email,
    role: "coordinator",
    organisationIds: organisationNames.map(([name, kind]) => organisationId(name, kind)),
  });
  const id = activateAccount({ token, passwordHash: await hashPassword("ett långt lösenord 2026") });
  if (id === null) throw new Error("activation failed");
  return getUserById({ userId: id })!;
}

const names = (rows: { name: string }[]) => rows.map((r) => r.name).sort();

describe("scopeFor: what each role may do, and where", () => {
  it("gives the admin everything", () => {
    const admin = demoUser(DEMO_EMAILS.admin);
    for (const [action, entity] of [
      ["read", "series"],
      ["read", "participants"],
      ["update", "series-session"],
      ["read", "aggregates"],
      ["create", "user"],
      ["read", "outbox"],
    ] as const) {
      expect(scopeFor(admin, action, entity)).toEqual({ kind: "all" });
    }
  });

  it("limits a coordinator to their own municipality, and gives no admin powers", () => {
    const huddinge = demoUser(DEMO_EMAILS.huddinge);
    const own = { kind: "organisations", organisationIds: [organisationId("Huddinge")] };
    expect(scopeFor(huddinge, "read", "series")).toEqual(own);
    expect(scopeFor(huddinge, "read", "participants")).toEqual(own);
    expect(scopeFor(huddinge, "update", "series-session")).toEqual(own);
    expect(scopeFor(huddinge, "read", "aggregates")).toBeNull();
    expect(scopeFor(huddinge, "create", "user")).toBeNull();
    expect(scopeFor(huddinge, "read", "outbox")).toBeNull();
  });

  it("lets a sponsor read all series and aggregates, but no people and no changes", () => {
    const sponsor = demoUser(DEMO_EMAILS.sponsor);
    expect(scopeFor(sponsor, "read", "series")).toEqual({ kind: "all" });
    expect(scopeFor(sponsor, "read", "aggregates")).toEqual({ kind: "all" });
    expect(scopeFor(sponsor, "read", "participants")).toBeNull();
    expect(scopeFor(sponsor, "update", "series-session")).toBeNull();
    expect(scopeFor(sponsor, "create", "user")).toBeNull();
    expect(can(sponsor, "read", "outbox")).toBe(false);
  });
});

describe("series visible in a scope (filtered in SQL)", () => {
  let stockholm: StaffUser;
  let skarholmen: StaffUser;
  let bromma: StaffUser;
  beforeAll(async () => {
    stockholm = await activatedCoordinator("samordnare@stockholm.example", [["Stockholm", "kommun"]]);
    skarholmen = await activatedCoordinator("samordnare@skarholmen.example", [["Skärholmen", "stadsdelsomrade"]]);
    bromma = await activatedCoordinator("samordnare@bromma.example", [["Bromma", "stadsdelsomrade"]]);
  });

  it("shows the admin and the sponsor all 5 series", () => {
    expect(listSeries({ scope: scopeFor(demoUser(DEMO_EMAILS.admin), "read", "series")! })).toHaveLength(5);
    expect(listSeries({ scope: scopeFor(demoUser(DEMO_EMAILS.sponsor), "read", "series")! })).toHaveLength(5);
  });

  it("shows the Huddinge coordinator only the Huddinge series, with its 90 participants", () => {
    const rows = listSeries({ scope: scopeFor(demoUser(DEMO_EMAILS.huddinge), "read", "series")! });
    expect(rows.map((r) => ({ name: r.name, organisations: r.organisations, participants: r.participants }))).toEqual([
      { name: "Processtöd skolnärvaro Huddinge", organisations: "Huddinge", participants: 90 },
    ]);
  });

  it("shows a coordinator for Stockholm the series of its district Skärholmen", () => {
    expect(stockholm.organisationIds).toEqual([organisationId("Stockholm")]);
    expect(names(listSeries({ scope: scopeFor(stockholm, "read", "series")! }))).toEqual([
      "Processtöd skolnärvaro Skärholmen",
    ]);
  });

  it("shows a district coordinator only their own district's series", () => {
    expect(names(listSeries({ scope: scopeFor(skarholmen, "read", "series")! }))).toEqual([
      "Processtöd skolnärvaro Skärholmen",
    ]);
    expect(listSeries({ scope: scopeFor(bromma, "read", "series")! })).toEqual([]);
  });

  it("shows a coordinator without any municipality nothing at all", () => {
    expect(listSeries({ scope: { kind: "organisations", organisationIds: [] } })).toEqual([]);
  });

  it("hides another municipality's series and participants inside the query", () => {
    const scope = scopeFor(demoUser(DEMO_EMAILS.huddinge), "read", "participants")!;
    const botkyrka = seriesId("Botkyrka");
    expect(seriesExistsInScope({ seriesId: botkyrka, scope })).toBe(false);
    expect(getSeries({ seriesId: botkyrka, scope })).toBeNull();
    expect(listSeriesParticipants({ seriesId: botkyrka, scope })).toEqual([]);
    // The same calls do return the coordinator's own series and its 90 people.
    expect(getSeries({ seriesId: seriesId("Huddinge"), scope })?.name).toBe("Processtöd skolnärvaro Huddinge");
    expect(listSeriesParticipants({ seriesId: seriesId("Huddinge"), scope })).toHaveLength(90);
  });
});

describe("requireSeriesPermission with a real signed-in request", () => {
  it("lets the Huddinge coordinator into their own series", async () => {
    const cookie = await signedInCookie(userId(DEMO_EMAILS.huddinge));
    const huddinge = seriesId("Huddinge");
    const result = await requireSeriesPermission(getRequest(`/serier/${huddinge}`, cookie), String(huddinge), "read", "series");
    expect(result.seriesId).toBe(huddinge);
    expect(result.user.email).toBe(DEMO_EMAILS.huddinge);
  });

  it("answers 404 for another municipality's series, exactly as for one that does not exist", async () => {
    const cookie = await signedInCookie(userId(DEMO_EMAILS.huddinge));
    const botkyrka = String(seriesId("Botkyrka"));
    const other = await thrownResponse(requireSeriesPermission(getRequest(`/serier/${botkyrka}`, cookie), botkyrka, "read", "series"));
    const missing = await thrownResponse(requireSeriesPermission(getRequest("/serier/999999", cookie), "999999", "read", "series"));
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    // Same body too, so a probe cannot tell "exists elsewhere" from "does not exist".
    expect(await other.json()).toEqual(await missing.json());
  });

  it("answers 404 for an id that is not a positive integer", async () => {
    const cookie = await signedInCookie(userId(DEMO_EMAILS.admin));
    for (const param of ["abc", "0", "-1", "1.5", "1e3x", undefined]) {
      const response = await thrownResponse(requireSeriesPermission(getRequest("/serier/x", cookie), param, "read", "series"));
      expect({ param, status: response.status }).toEqual({ param, status: 404 });
    }
  });

  it("answers 403 when a sponsor tries to update a series session", async () => {
    const cookie = await signedInCookie(userId(DEMO_EMAILS.sponsor));
    const huddinge = String(seriesId("Huddinge"));
    const request = () => getRequest(`/serier/${huddinge}`, cookie);
    // Reading is fine...
    expect((await requireSeriesPermission(request(), huddinge, "read", "series")).seriesId).toBe(Number(huddinge));
    // ...changing is not.
    const response = await thrownResponse(requireSeriesPermission(request(), huddinge, "update", "series-session"));
    expect(response.status).toBe(403);
  });

  it("redirects to sign-in, keeping the page to come back to, without a valid cookie", async () => {
    const huddinge = String(seriesId("Huddinge"));
    // No cookie, a well-formed cookie for a session that does not exist, and garbage.
    const unknownSession = (await authCookie.serialize(crypto.randomBytes(32).toString("base64url"))).split(";")[0];
    for (const cookie of [undefined, unknownSession, "processtod_auth=garbage"]) {
      const response = await thrownResponse(
        requireSeriesPermission(getRequest(`/serier/${huddinge}?flik=1`, cookie), huddinge, "read", "series"),
      );
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe(`/logga-in?redirectTo=${encodeURIComponent(`/serier/${huddinge}?flik=1`)}`);
    }
  });

  it("gives requireUserWithPermission 403 for a coordinator creating users", async () => {
    const cookie = await signedInCookie(userId(DEMO_EMAILS.nacka));
    const response = await thrownResponse(requireUserWithPermission(getRequest("/personal", cookie), "create", "user"));
    expect(response.status).toBe(403);
  });
});

describe("updateSessionPracticalities is scoped in the query", () => {
  const values = { format: "digitalt" as const, venue: null, meetingLink: "https://möte.example/forged" };

  it("changes nothing when the session id belongs to another series", () => {
    const huddingeScope = scopeFor(demoUser(DEMO_EMAILS.huddinge), "update", "series-session")!;
    const botkyrkaSession = seriesSessionRows(seriesId("Botkyrka"))[0];

    // The coordinator's own series id in the URL, but a Botkyrka session in the form.
    expect(
      updateSessionPracticalities({ seriesId: seriesId("Huddinge"), sessionId: botkyrkaSession.id, scope: huddingeScope, values }),
    ).toBe(false);
    // Even the admin cannot move a session between series by mixing ids.
    expect(
      updateSessionPracticalities({ seriesId: seriesId("Huddinge"), sessionId: botkyrkaSession.id, scope: { kind: "all" }, values }),
    ).toBe(false);
    // Nor can the coordinator name the Botkyrka series directly.
    expect(
      updateSessionPracticalities({ seriesId: seriesId("Botkyrka"), sessionId: botkyrkaSession.id, scope: huddingeScope, values }),
    ).toBe(false);

    expect(seriesSessionRow(botkyrkaSession.id)).toEqual(botkyrkaSession);
  });

  it("changes the coordinator's own session", () => {
    const huddingeScope = scopeFor(demoUser(DEMO_EMAILS.huddinge), "update", "series-session")!;
    const own = seriesSessionRows(seriesId("Huddinge"))[2];
    expect(updateSessionPracticalities({ seriesId: seriesId("Huddinge"), sessionId: own.id, scope: huddingeScope, values })).toBe(true);
    expect(seriesSessionRow(own.id)).toEqual({ ...own, ...values });
  });
});
