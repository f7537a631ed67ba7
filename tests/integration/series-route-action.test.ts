/**
 * The series page's action called the way Remix calls it, with forged posts
 * a signed-in coordinator could send with curl. The loader's check must not be
 * the only thing protecting the form.
 */
import { describe, expect, it } from "vitest";
import { action } from "~/routes/serier.$seriesId._index";
import {
  DEMO_EMAILS,
  postForm,
  seriesId,
  seriesSessionRow,
  seriesSessionRows,
  signedInCookie,
  thrownResponse,
  userId,
} from "../support/integration";

const context = { clientIp: "192.0.2.10" };

function post(series: number, fields: Record<string, string>, cookie: string | undefined) {
  return action({ request: postForm(`/serier/${series}`, fields, cookie), params: { seriesId: String(series) }, context });
}

describe("POST /serier/:seriesId (change a session's format, venue and link)", () => {
  it("answers 404 to the Huddinge coordinator posting to the Botkyrka series, and writes nothing", async () => {
    const cookie = await signedInCookie(userId(DEMO_EMAILS.huddinge));
    const botkyrka = seriesId("Botkyrka");
    const target = seriesSessionRows(botkyrka)[0];

    const response = await thrownResponse(
      post(botkyrka, { sessionId: String(target.id), format: "digitalt", venue: "", meetingLink: "https://evil.example/" }, cookie),
    );

    expect(response.status).toBe(404);
    expect(seriesSessionRow(target.id)).toEqual(target);
  });

  it("answers 400 to a Botkyrka session id posted to the coordinator's own series, and writes nothing", async () => {
    const cookie = await signedInCookie(userId(DEMO_EMAILS.huddinge));
    const botkyrkaSession = seriesSessionRows(seriesId("Botkyrka"))[1];

    const response = (await post(
      seriesId("Huddinge"),
      { sessionId: String(botkyrkaSession.id), format: "digitalt", venue: "", meetingLink: "" },
      cookie,
    )) as Response;

    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({ sessionId: "Tillfället finns inte i den här serien." });
    expect(seriesSessionRow(botkyrkaSession.id)).toEqual(botkyrkaSession);
  });

  it("refuses a javascript: link on the coordinator's own series with a Swedish message, and writes nothing", async () => {
    const cookie = await signedInCookie(userId(DEMO_EMAILS.huddinge));
    const huddinge = seriesId("Huddinge");
    const target = seriesSessionRows(huddinge)[2];

    const response = (await post(
      huddinge,
      { sessionId: String(target.id), format: "digitalt", venue: "Aulan", meetingLink: "javascript:alert(1)" },
      cookie,
    )) as Response;

    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors).toEqual({
      meetingLink: "Länken måste vara en webbadress som börjar med http:// eller https://.",
    });
    // What the person typed comes back so the form can be corrected, not retyped.
    expect(body.values).toEqual({ format: "digitalt", venue: "Aulan", meetingLink: "javascript:alert(1)" });
    expect(seriesSessionRow(target.id)).toEqual(target);
  });

  it("refuses an unknown format with a Swedish message", async () => {
    const cookie = await signedInCookie(userId(DEMO_EMAILS.huddinge));
    const huddinge = seriesId("Huddinge");
    const target = seriesSessionRows(huddinge)[2];
    const response = (await post(huddinge, { sessionId: String(target.id), format: "teleportering" }, cookie)) as Response;
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({ format: "Välj ett format." });
    expect(seriesSessionRow(target.id)).toEqual(target);
  });

  it("answers 403 to a sponsor, who may see the series but not change it", async () => {
    const cookie = await signedInCookie(userId(DEMO_EMAILS.sponsor));
    const huddinge = seriesId("Huddinge");
    const target = seriesSessionRows(huddinge)[2];
    const response = await thrownResponse(post(huddinge, { sessionId: String(target.id), format: "digitalt" }, cookie));
    expect(response.status).toBe(403);
    expect(seriesSessionRow(target.id)).toEqual(target);
  });

  it("sends a post without a sign-in to the sign-in page", async () => {
    const huddinge = seriesId("Huddinge");
    const target = seriesSessionRows(huddinge)[2];
    const response = await thrownResponse(post(huddinge, { sessionId: String(target.id), format: "digitalt" }, undefined));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/logga-in\?redirectTo=/);
    expect(seriesSessionRow(target.id)).toEqual(target);
  });

  it("saves a valid change on the coordinator's own series and redirects back to the session", async () => {
    const cookie = await signedInCookie(userId(DEMO_EMAILS.huddinge));
    const huddinge = seriesId("Huddinge");
    const target = seriesSessionRows(huddinge)[2];

    const response = (await post(
      huddinge,
      { sessionId: String(target.id), format: "hybrid", venue: "  Stadshuset, sal 3  ", meetingLink: "https://meet.example/huddinge-3" },
      cookie,
    )) as Response;

    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/serier/${huddinge}?sparat=${target.id}#tillfalle-${target.id}`);
    expect(seriesSessionRow(target.id)).toEqual({
      ...target,
      format: "hybrid",
      venue: "Stadshuset, sal 3", // trimmed
      meetingLink: "https://meet.example/huddinge-3",
    });
  });
});
