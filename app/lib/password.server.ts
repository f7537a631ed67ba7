/**
 * Password hashing with scrypt at OWASP's recommended parameters
 * (N=2^17, r=8, p=1). Stored as "scrypt$N$r$p$salt$hash" so parameters can be
 * raised later without breaking existing hashes.
 */
import crypto from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

const N = 2 ** 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
// scrypt needs 128 * N * r bytes; allow twice that.
const maxmem = (n: number, r: number) => 256 * n * r;

/**
 * At most two scrypt computations at a time. Each takes 128 MB, and Node's thread pool would
 * run four at once: a burst of sign-ins took the server from 100 MB to past 500 MB. The rest
 * wait their turn (decision 013). A finishing computation hands its slot straight to the next
 * in line, so a newcomer cannot slip in between.
 */
export const MAX_CONCURRENT_HASHES = 2;
let hashing = 0;
const waitingForHash: (() => void)[] = [];

export async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (hashing < MAX_CONCURRENT_HASHES) hashing++;
  else await new Promise<void>((resolve) => waitingForHash.push(resolve));
  try {
    return await work();
  } finally {
    const next = waitingForHash.shift();
    if (next) next();
    else hashing--;
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await withHashSlot(() => scrypt(password.normalize("NFC"), salt, KEY_LENGTH, { N, r: R, p: P, maxmem: maxmem(N, R) }));
  return ["scrypt", N, R, P, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = await withHashSlot(() =>
    scrypt(password.normalize("NFC"), Buffer.from(salt, "base64url"), expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: maxmem(Number(n), Number(r)),
    }),
  );
  return crypto.timingSafeEqual(actual, expected);
}

/**
 * A hash computed once and checked against when the account does not exist,
 * so a sign-in with an unknown e-mail takes as long as one with a wrong password.
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString("hex"));
  return dummyHash;
}
