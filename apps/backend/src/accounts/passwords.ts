import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** Memory-hard cost: 2^15 × 8 × 128 bytes = 32 MiB and tens of milliseconds per hash. */
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Node refuses scrypt above maxmem (default 32 MiB, just too little for N=2^15, r=8); allow headroom. */
const MAX_MEM = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, n: number, r: number, p: number, length: number) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, length, { N: n, r, p, maxmem: MAX_MEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** A self-describing hash, `scrypt$N$r$p$salt$hash` (base64url), so the cost can rise without a migration. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, N, R, P, KEY_LENGTH);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Constant-time check of a password against a stored hash; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || salt === undefined || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const params = [Number(n), Number(r), Number(p)] as const;
  // Bounds keep a corrupted row from asking for gigabytes of memory.
  if (!params.every(Number.isSafeInteger) || params[0] > 2 ** 20 || params[1] > 32 || params[2] > 16)
    return false;
  if (expected.length < 16) return false;
  const actual = await derive(password, Buffer.from(salt, 'base64url'), ...params, expected.length);
  return timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;

/**
 * Sign-in with an unknown email verifies against this hash, so it costs as long as a wrong password
 * and response time does not reveal which emails have accounts.
 */
export function hashForUnknownUser(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('base64url'));
  return dummyHash;
}

/** A strong password for a member the operator did not give one: 18 random bytes, base64url (24 chars). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
