import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { dummyPasswordHash, hashPassword, verifyPassword } from "~/lib/password.server";

// scrypt at N=2^17 takes a few hundred milliseconds per hash on purpose; hash once per test.
describe("password hashing (scrypt)", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("korrekt häst batteri häftklammer");
    expect(await verifyPassword("korrekt häst batteri häftklammer", stored)).toBe(true);
    expect(await verifyPassword("korrekt häst batteri häftklammeR", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("stores OWASP's parameters N=131072, r=8, p=1 with a 16-byte salt and a 32-byte key", async () => {
    const stored = await hashPassword("ett lösenord");
    const [scheme, n, r, p, salt, hash, ...rest] = stored.split("$");
    expect({ scheme, n, r, p, rest }).toEqual({ scheme: "scrypt", n: "131072", r: "8", p: "1", rest: [] });
    expect(Buffer.from(salt, "base64url")).toHaveLength(16);
    expect(Buffer.from(hash, "base64url")).toHaveLength(32);
    // The stored key really is scrypt with those parameters, not just a label.
    const expected = crypto.scryptSync("ett lösenord", Buffer.from(salt, "base64url"), 32, {
      N: 131072,
      r: 8,
      p: 1,
      maxmem: 256 * 131072 * 8,
    });
    expect(hash).toBe(expected.toString("base64url"));
  });

  it("salts every hash, so the same password never gives the same string", async () => {
    const [a, b] = await Promise.all([hashPassword("samma lösenord"), hashPassword("samma lösenord")]);
    expect(a).not.toBe(b);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
  });

  it("treats composed and decomposed Unicode (å as one or two code points) as the same password", async () => {
    const composed = "Våren är här 2026".normalize("NFC");
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it("refuses stored values that are not scrypt hashes instead of throwing", async () => {
    expect(await verifyPassword("x", "")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$10$abc")).toBe(false);
    expect(await verifyPassword("x", "scrypt$131072$8$1$$")).toBe(false);
  });

  it("has a dummy hash for unknown accounts that matches no guessable password", async () => {
    const dummy = await dummyPasswordHash();
    expect(dummy.startsWith("scrypt$131072$8$1$")).toBe(true);
    expect(await dummyPasswordHash()).toBe(dummy); // computed once
    expect(await verifyPassword("", dummy)).toBe(false);
  });
});

describe("hash slots", () => {
  it("runs at most MAX_CONCURRENT_HASHES computations at once, in the order they asked", async () => {
    const { withHashSlot, MAX_CONCURRENT_HASHES } = await import("~/lib/password.server");
    expect(MAX_CONCURRENT_HASHES).toBe(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const task = (i: number) =>
      withHashSlot(async () => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        return i;
      });
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    const tasks = [0, 1, 2, 3, 4].map(task);
    await tick();
    expect(started).toEqual([0, 1]);
    releases.shift()!();
    await tick();
    // A newcomer while others wait queues behind them instead of taking the freed slot.
    tasks.push(task(99));
    await tick();
    expect(started).toEqual([0, 1, 2]);
    while (releases.length > 0) {
      releases.shift()!();
      await tick();
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4, 99]);
    expect(started).toEqual([0, 1, 2, 3, 4, 99]);
    expect(most).toBe(2);
  });
});
