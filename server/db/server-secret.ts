import { randomBytes } from 'node:crypto';
import type { Executor } from './database.ts';

/**
 * A secret the server generates once per database and keeps there (256
 * random bits, base64url), so that every process on that database uses the
 * same one without anybody configuring it and none is written in the
 * repository. For keys that protect data inside the database (hashes in
 * rate-limit counters); a secret that must survive a restore elsewhere or be
 * rotated belongs in the environment instead.
 *
 * @example
 * const secret = await serverSecret(db, 'rate-limit-keys');
 */
export async function serverSecret(db: Executor, name: string): Promise<string> {
  await db.insertInto('server_secrets').values({ name, value: randomBytes(32).toString('base64url') }).onConflict((oc) => oc.column('name').doNothing()).execute();
  return (await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow()).value;
}

/**
 * The secret configured in the environment when there is one, else the
 * database's own under `name` (see `serverSecret`), read once and then kept;
 * a failed read is tried again next time.
 *
 * @example
 * const captchaSecret = configuredOrStoredSecret(db, process.env.CAPTCHA_SECRET, 'captcha');
 * const key = await captchaSecret();
 */
export function configuredOrStoredSecret(db: Executor, configured: string | undefined, name: string): () => Promise<string> {
  if (configured) return () => Promise.resolve(configured);
  let stored: Promise<string> | undefined;
  return () => (stored ??= serverSecret(db, name).catch((error: unknown) => { stored = undefined; throw error; }));
}
