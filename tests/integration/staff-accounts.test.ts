import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword } from "~/lib/password.server";
import { attemptSignIn } from "~/lib/sign-in.server";
import { getDb } from "~/models/db.server";
import {
  ACTIVATION_TTL_MS,
  activateAccount,
  createStaffUser,
  emailIsTaken,
  findActivation,
  getUserById,
  listStaff,
} from "~/models/user.server";
import { action as activateAction } from "~/routes/aktivera.$token";
import { organisationId, postForm } from "../support/integration";

const sqlite = () => getDb().$client;
const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("hex");
const userRow = (id: number) =>
  sqlite().prepare("select email, email_normalized as emailNormalized, password_hash as passwordHash, activated_at as activatedAt from users where id = ?").get(id) as {
    email: string;
    emailNormalized: string;
    passwordHash: string | null;
    activatedAt: number | null;
  };

const T0 = new Date("2026-08-10T08:00:00Z");

describe("staff accounts: invitation and one-time activation", () => {
  it("creates an account that cannot be used until it is activated", async () => {
    const { userId, token, expiresAt } = createStaffUser({
      name: "Nina Sjöberg",
      email: "  Nina.Sjoberg@Tyreso.example ",
      role: "coordinator",
      organisationIds: [organisationId("Tyresö")],
      now: T0,
    });
    expect(expiresAt.getTime()).toBe(T0.getTime() + 7 * 24 * 3_600_000);
    expect(userRow(userId)).toEqual({
      email: "Nina.Sjoberg@Tyreso.example",
      emailNormalized: "nina.sjoberg@tyreso.example",
      passwordHash: null,
      activatedAt: null,
    });
    expect(emailIsTaken({ email: "NINA.SJOBERG@tyreso.example" })).toBe(true);

    // Not usable: no user for sessions, and sign-in fails like any wrong password.
    expect(getUserById({ userId })).toBeNull();
    expect(await attemptSignIn({ email: "nina.sjoberg@tyreso.example", password: "", ip: "192.0.2.30" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(findActivation({ token, now: T0 })).toEqual({
      tokenId: expect.any(Number),
      userId,
      name: "Nina Sjöberg",
      email: "Nina.Sjoberg@Tyreso.example",
    });
  });

  it("stores only the SHA-256 of the activation token", () => {
    const { userId, token } = createStaffUser({ name: "Hash Test", email: "hash@test.example", role: "sponsor", organisationIds: [], now: T0 });
    const stored = sqlite().prepare("select token_hash from user_tokens where user_id = ?").pluck().all(userId);
    expect(stored).toEqual([sha256(token)]);
    expect(sqlite().prepare("select count(*) from user_tokens where token_hash = ? or instr(token_hash, ?) > 0").pluck().get(token, token)).toBe(0);
    // 256 random bits.
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
  });

  it("activates once: sets the password, and the token is then burnt", async () => {
    const { userId, token } = createStaffUser({ name: "Ett Gång", email: "engang@test.example", role: "coordinator", organisationIds: [organisationId("Solna")], now: T0 });
    const firstHash = await hashPassword("mitt nya långa lösenord");
    const activatedAt = new Date(T0.getTime() + 3_600_000);

    expect(activateAccount({ token, passwordHash: firstHash, now: activatedAt })).toBe(userId);
    expect(userRow(userId)).toMatchObject({ passwordHash: firstHash, activatedAt: activatedAt.getTime() });
    expect(getUserById({ userId })).toEqual({
      id: userId,
      name: "Ett Gång",
      email: "engang@test.example",
      role: "coordinator",
      organisationIds: [organisationId("Solna")],
    });

    // A second use (a forwarded e-mail, a replay) neither works nor changes the password.
    expect(findActivation({ token, now: activatedAt })).toBeNull();
    expect(activateAccount({ token, passwordHash: "scrypt$1$1$1$x$y", now: activatedAt })).toBeNull();
    expect(userRow(userId).passwordHash).toBe(firstHash);

    // The new password signs in.
    expect(await attemptSignIn({ email: "engang@test.example", password: "mitt nya långa lösenord", ip: "192.0.2.31" })).toEqual({
      ok: true,
      userId,
    });
  });

  it("refuses an expired token", () => {
    const { userId, token } = createStaffUser({ name: "Sen Person", email: "sen@test.example", role: "admin", organisationIds: [], now: T0 });
    const lastMoment = new Date(T0.getTime() + ACTIVATION_TTL_MS - 1);
    const expired = new Date(T0.getTime() + ACTIVATION_TTL_MS);

    expect(findActivation({ token, now: lastMoment })?.userId).toBe(userId);
    expect(findActivation({ token, now: expired })).toBeNull();
    expect(activateAccount({ token, passwordHash: "scrypt$1$1$1$x$y", now: expired })).toBeNull();
    expect(userRow(userId).passwordHash).toBeNull();
  });

  it("refuses a token that was never issued", () => {
    expect(findActivation({ token: crypto.randomBytes(32).toString("base64url") })).toBeNull();
    expect(activateAccount({ token: "", passwordHash: "x" })).toBeNull();
  });

  it("keeps municipalities only for coordinators, and one account per e-mail", () => {
    const admin = createStaffUser({ name: "Admin Två", email: "admin2@test.example", role: "admin", organisationIds: [organisationId("Solna")], now: T0 });
    expect(sqlite().prepare("select count(*) from user_organisations where user_id = ?").pluck().get(admin.userId)).toBe(0);
    expect(() =>
      createStaffUser({ name: "Dubblett", email: "ADMIN2@test.example", role: "sponsor", organisationIds: [], now: T0 }),
    ).toThrow(/UNIQUE constraint failed: users.email_normalized/);
  });

  it("lists staff with their municipalities", () => {
    const staff = listStaff();
    const byEmail = Object.fromEntries(staff.map((s) => [s.email, s.organisations]));
    expect(byEmail["samordnare@huddinge.example"]).toBe("Huddinge");
    expect(byEmail["samordnare@botkyrka.example"]).toBe("Botkyrka");
    expect(byEmail["samordnare@nacka.example"]).toBe("Nacka");
    expect(byEmail["processledare@ifous.example"]).toBeNull();
    expect(byEmail["uppdragsgivare@uph.example"]).toBeNull();
  });
});

describe("POST /aktivera/:token", () => {
  const activate = (token: string, fields: Record<string, string>) =>
    activateAction({ request: postForm(`/aktivera/${token}`, fields), params: { token }, context: { clientIp: "192.0.2.32" } }) as Promise<Response>;

  it("refuses a short or mismatched password in Swedish and writes nothing", async () => {
    const { userId, token } = createStaffUser({ name: "Form Test", email: "form@test.example", role: "coordinator", organisationIds: [organisationId("Solna")] });

    const short = await activate(token, { password: "kort", confirm: "kort" });
    expect(short.status).toBe(400);
    expect((await short.json()).errors).toEqual({ password: "Lösenordet måste ha minst 12 tecken." });

    const mismatch = await activate(token, { password: "ett långt lösenord", confirm: "ett annat lösenord" });
    expect(mismatch.status).toBe(400);
    expect((await mismatch.json()).errors).toEqual({ confirm: "Lösenorden är inte likadana." });

    expect(userRow(userId).passwordHash).toBeNull();
    expect(findActivation({ token })?.userId).toBe(userId);
  });

  it("activates and signs in, then refuses the same link", async () => {
    const { userId, token } = createStaffUser({ name: "Länk Test", email: "lank@test.example", role: "sponsor", organisationIds: [] });
    const fields = { password: "ett långt lösenord", confirm: "ett långt lösenord" };

    const first = await activate(token, fields);
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/");
    expect(first.headers.get("Set-Cookie")).toMatch(/^processtod_auth=/);
    expect(userRow(userId).passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);

    const again = await activate(token, fields);
    expect(again.status).toBe(400);
    expect((await again.json()).formError).toBe(
      "Länken är ogiltig, redan använd eller har gått ut. Be din processledare om en ny inbjudan.",
    );
  });
});
