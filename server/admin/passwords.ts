import { hash, verify } from '@node-rs/argon2';

/**
 * OWASP's argon2id parameters (19 MiB, 2 passes, 1 lane). The algorithm is
 * the library's default, argon2id (its `Algorithm` is a const enum, which
 * per-file transpilers cannot inline); tests check the `$argon2id$` prefix.
 */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A hash of no one's password: an unknown e-mail is checked against it, so timing does not tell which e-mails exist. */
let dummyHash: Promise<string> | undefined;

/**
 * The argon2id hash (PHC string, `$argon2id$…`) of a staff password.
 *
 * @example
 * const passwordHash = await hashPassword('correct horse battery');
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/**
 * Whether a password matches a stored hash. Without a hash (unknown user,
 * invite not accepted) the password is checked against a dummy hash and the
 * answer is false, taking as long as a real check.
 *
 * @example
 * if (!(await passwordMatches(user?.password_hash ?? null, request.password))) throw new DomainError('unauthorized');
 */
export async function passwordMatches(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    await verify(await (dummyHash ??= hashPassword('not anybody’s password')), password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
