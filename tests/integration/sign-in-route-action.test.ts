/** The sign-in form's action, called as Remix calls it (the IP comes from server.js's load context). */
import { beforeEach, describe, expect, it } from "vitest";
import { authCookie } from "~/lib/auth.server";
import { touchAuthSession } from "~/models/auth-session.server";
import { getDb } from "~/models/db.server";
import { action } from "~/routes/logga-in";
import { DEMO_PASSWORD } from "../../db/seed";
import { DEMO_EMAILS, postForm, userId } from "../support/integration";

beforeEach(() => {
  getDb().$client.prepare("delete from login_throttle").run();
});

async function signIn(fields: Record<string, string>, clientIp = "192.0.2.20") {
  return (await action({ request: postForm("/logga-in", fields), params: {}, context: { clientIp } })) as Response;
}

describe("POST /logga-in", () => {
  it("answers empty fields with 400 and a Swedish message on each field", async () => {
    const response = await signIn({ email: "", password: "" });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: { email: "Ange en e-postadress.", password: "Ange ditt lösenord." },
      email: "",
    });
  });

  it("answers missing fields (a hand-made post) the same way", async () => {
    const response = await signIn({});
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({ email: "Ange en e-postadress.", password: "Ange ditt lösenord." });
  });

  it("answers an e-mail that is not an address with 400", async () => {
    const response = await signIn({ email: "inte en adress", password: "x" });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({ email: "Ange en giltig e-postadress, till exempel namn@kommun.se." });
  });

  it("answers a 10,000-character e-mail with 400 'too long', and does not echo it all back", async () => {
    const longEmail = `${"a".repeat(10_000 - "@huddinge.example".length)}@huddinge.example`;
    expect(longEmail).toHaveLength(10_000);
    const response = await signIn({ email: longEmail, password: DEMO_PASSWORD });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors).toEqual({ email: "Texten är för lång (högst 254 tecken)." });
    expect(body.email).toHaveLength(254);
  });

  it("answers a wrong password with 401 and a message that does not say which part was wrong", async () => {
    const response = await signIn({ email: DEMO_EMAILS.huddinge, password: "fel lösenord" });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ errors: {}, formError: "Fel e-postadress eller lösenord.", email: DEMO_EMAILS.huddinge });
    expect(response.headers.get("Set-Cookie")).toBeNull();
  });

  it("signs in with the right password: a redirect to a same-site page and a working session cookie", async () => {
    const response = await signIn({ email: DEMO_EMAILS.huddinge, password: DEMO_PASSWORD, redirectTo: "/serier" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/serier");

    const setCookie = response.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/^processtod_auth=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const token = await authCookie.parse(setCookie.split(";")[0]);
    expect(touchAuthSession({ token, timeouts: { idleMs: 60_000, absoluteMs: 60_000 } })).toBe(userId(DEMO_EMAILS.huddinge));
  });

  it("ignores a redirect to another site after signing in", async () => {
    // "/<tab>/evil.example" is what a browser reads as "//evil.example".
    for (const redirectTo of ["//evil.example/phish", "/\t/evil.example/phish"]) {
      const response = await signIn({ email: DEMO_EMAILS.huddinge, password: DEMO_PASSWORD, redirectTo });
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/");
    }
  });

  it(
    "answers 429 with Retry-After once the account is locked",
    async () => {
      for (let i = 0; i < 5; i++) {
        expect((await signIn({ email: DEMO_EMAILS.nacka, password: `fel ${i}` })).status).toBe(401);
      }
      const response = await signIn({ email: DEMO_EMAILS.nacka, password: DEMO_PASSWORD });
      expect(response.status).toBe(429);
      expect(response.headers.get("Retry-After")).toBe("900");
      expect((await response.json()).formError).toBe(
        "För många misslyckade inloggningar. Vänta 15 minuter och försök igen.",
      );
    },
    60_000,
  );
});
