import { randomBytes } from 'node:crypto';
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
}

export async function loadCiphers(db: Db, master: Buffer, name: CipherName): Promise<Ciphers> {
  return {
    auth: await loadCipher(db, master, 'auth', name),
    members: await loadCipher(db, master, 'members', name),
  };
}
