import { and, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { members } from '../../db/schema/index.js';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import type { Ciphers } from '../../platform/crypto/keys.js';

/**
 * The mobile numbers of the members linked to these logins, for an SMS gateway (notify's `addressOf`).
 * A read of a sensitive field: one audit row per call names the members whose numbers were read and why.
 */
export async function mobilesOfUsers(
  db: Db,
  ciphers: Ciphers,
  userIds: number[],
  now: Date,
  purpose = 'notify.sms',
): Promise<Map<number, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ id: members.id, userId: members.userId, phoneEnc: members.phoneEnc })
    .from(members)
    .where(and(inArray(members.userId, userIds), isNotNull(members.phoneEnc)));
  const found = new Map<number, string>();
  for (const r of rows) if (r.userId && r.phoneEnc) found.set(r.userId, ciphers.members.decrypt(r.phoneEnc));
  if (rows.length) {
    const ctx = { actor: null, now: () => now, requestId: purpose, ip: null, ciphers } as unknown as Ctx;
    await audit(db, ctx, { action: 'members.phone.read', entityType: 'member', after: { purpose, memberIds: rows.map((r) => r.id) } });
  }
  return found;
}
