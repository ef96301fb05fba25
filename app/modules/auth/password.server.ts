import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

// argon2id with OWASP's minimum (m = 19 MiB, t = 2, p = 1). Algorithm 2 = Argon2id.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, algorithm: 2 } as const;

export function hashPassword(password: string) {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A verification against this keeps sign-in for unknown emails as slow as for known ones.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string) {
  dummyHash ??= hashPassword("commons-timing-equaliser");
  await verifyPassword(await dummyHash, password);
}

let common: Set<string> | undefined;

/** True for passwords from the zxcvbn common-password list (about 49,000 entries). */
export function isCommonPassword(password: string) {
  common ??= new Set((dictionary.passwords as string[]).map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}
