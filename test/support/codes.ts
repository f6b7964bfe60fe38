import type { Db } from '../../server/db/database.ts';
import { hashSecretToken } from '../../server/domain/secret-token.ts';

/**
 * The one-time code last sent for a verification, read from its message in
 * the outbox as the patient reads their SMS or e-mail (only the code's hash
 * is stored).
 *
 * @example
 * const code = await sentCode(h.database.db, challenge.verificationId);
 */
export async function sentCode(db: Db, verificationId: string): Promise<string> {
  const row = await db.selectFrom('verification_codes').select(['id', 'sends']).where('handle_hash', '=', hashSecretToken(verificationId)).executeTakeFirstOrThrow();
  const message = await db.selectFrom('messages').select('body').where('dedupe_key', '=', `code:${row.id}:${row.sends}`).executeTakeFirstOrThrow();
  return message.body.match(/\b\d{6}\b/)![0];
}
