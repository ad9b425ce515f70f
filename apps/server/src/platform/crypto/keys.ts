import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { dataKeys } from '../../db/schema/index.js';
import { type CipherName, createFieldCipher, type FieldCipher, unwrapKey, wrapKey } from './fields.js';

/**
 * Loads (or creates on first use) the data key for a purpose, wrapped by the master key, and
 * returns a cipher over it. One data key per purpose (`members`, `auth`…): a leak of one
 * purpose's key exposes nothing else.
 */
async function loadCipher(db: Db, master: Buffer, purpose: string, name: CipherName): Promise<FieldCipher> {
  const where = and(eq(dataKeys.name, purpose), eq(dataKeys.version, 1));
  let [row] = await db.select().from(dataKeys).where(where);
  if (!row) {
    await db
      .insert(dataKeys)
      .values({ name: purpose, version: 1, wrapped: wrapKey(master, randomBytes(32)) })
      .onConflictDoNothing();
    [row] = await db.select().from(dataKeys).where(where);
  }
  return createFieldCipher(unwrapKey(master, row.wrapped), name);
}

export interface Ciphers {
  auth: FieldCipher;
  members: FieldCipher;
  audit: AuditKeys;
}

/**
 * The audit chain's keys (issue 15 item 1), derived from the master key with HKDF and never stored:
 * `mac` keys each audit row, `sign` signs the chain heads anchored outside the database. Whoever
 * rewrites rows in the database without the master key cannot make either.
 */
export interface AuditKeys {
  mac(data: string): string;
  sign(data: string): string;
}

export function auditKeys(master: Buffer): AuditKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, 'vanguard', info, 32));
  const macKey = derive('audit-row-mac-v1');
  const signKey = derive('audit-anchor-sign-v1');
  return {
    mac: (data) => createHmac('sha256', macKey).update(data, 'utf8').digest('hex'),
    sign: (data) => createHmac('sha256', signKey).update(data, 'utf8').digest('hex'),
  };
}

export async function loadCiphers(db: Db, master: Buffer, name: CipherName): Promise<Ciphers> {
  return {
    auth: await loadCipher(db, master, 'auth', name),
    members: await loadCipher(db, master, 'members', name),
    audit: auditKeys(master),
  };
}
