import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { sm3, sm4 } from 'sm-crypto-v2';

/**
 * Field encryption for sensitive personal data (RULES.md §Security). The cipher is swappable:
 * AES-256-GCM by default, SM4 (国密) as the option. Ciphertexts carry their algorithm and key
 * version (`v1.aes.<iv>.<tag>.<data>` / `v1.sm4.<iv>.<mac>.<data>`), so a change of cipher or a
 * key rotation leaves old rows readable.
 */
export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(token: string): string;
  /** Blind index: a keyed hash of the normalized value, for exact-match search. */
  blindIndex(value: string): string;
}

export type CipherName = 'aes-256-gcm' | 'sm4';

const b64 = (b: Buffer | Uint8Array) => Buffer.from(b).toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url');

function subKey(master: Buffer, purpose: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `vanguard:${purpose}`, length));
}

/** Wrap/unwrap a data key with the master key (envelope encryption). Always AES-256-GCM. */
export function wrapKey(master: Buffer, key: Buffer): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', subKey(master, 'wrap'), iv);
  const data = Buffer.concat([c.update(key), c.final()]);
  return [b64(iv), b64(c.getAuthTag()), b64(data)].join('.');
}

export function unwrapKey(master: Buffer, wrapped: string): Buffer {
  const [iv, tag, data] = wrapped.split('.').map(unb64);
  const d = createDecipheriv('aes-256-gcm', subKey(master, 'wrap'), iv);
  d.setAuthTag(tag);
  return Buffer.concat([d.update(data), d.final()]);
}

function normalizeForIndex(value: string): string {
  return value.trim().replace(/\s+/g, '').toUpperCase();
}

/** A cipher over one data key. `name` chooses the algorithm for new ciphertexts. */
export function createFieldCipher(dataKey: Buffer, name: CipherName): FieldCipher {
  const encKey = subKey(dataKey, 'enc');
  const macKey = subKey(dataKey, 'mac');
  const biKey = subKey(dataKey, 'blind-index');
  const sm4Key = subKey(dataKey, 'sm4', 16);

  const aes = {
    encrypt(plain: string): string {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', encKey, iv);
      const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return ['v1', 'aes', b64(iv), b64(c.getAuthTag()), b64(data)].join('.');
    },
    decrypt(iv: Buffer, tag: Buffer, data: Buffer): string {
      const d = createDecipheriv('aes-256-gcm', encKey, iv);
      d.setAuthTag(tag);
      return Buffer.concat([d.update(data), d.final()]).toString('utf8');
    },
  };

  // SM4-CBC with an HMAC-SM3 over iv and ciphertext (encrypt-then-MAC).
  const sm4c = {
    encrypt(plain: string): string {
      const iv = randomBytes(16);
      const data = Buffer.from(sm4.encrypt(plain, sm4Key, { mode: 'cbc', iv, output: 'array' }) as Uint8Array);
      const mac = Buffer.from(sm3(Buffer.concat([iv, data]), { key: macKey, mode: 'hmac' }), 'hex');
      return ['v1', 'sm4', b64(iv), b64(mac), b64(data)].join('.');
    },
    decrypt(iv: Buffer, mac: Buffer, data: Buffer): string {
      const expect = Buffer.from(sm3(Buffer.concat([iv, data]), { key: macKey, mode: 'hmac' }), 'hex');
      if (!expect.equals(mac)) throw new Error('SM4 ciphertext failed its integrity check');
      return sm4.decrypt(data, sm4Key, { mode: 'cbc', iv, output: 'string' }) as string;
    },
  };

  return {
    encrypt: (plain) => (name === 'sm4' ? sm4c.encrypt(plain) : aes.encrypt(plain)),
    decrypt(token) {
      const [version, alg, a, b, c] = token.split('.');
      if (version !== 'v1' || !c) throw new Error('unknown ciphertext format');
      if (alg === 'aes') return aes.decrypt(unb64(a), unb64(b), unb64(c));
      if (alg === 'sm4') return sm4c.decrypt(unb64(a), unb64(b), unb64(c));
      throw new Error(`unknown cipher ${alg}`);
    },
    blindIndex(value) {
      const v = normalizeForIndex(value);
      return name === 'sm4' ? sm3(v, { key: biKey, mode: 'hmac' }) : createHmac('sha256', biKey).update(v).digest('hex');
    },
  };
}

/** Masks all but the ends of a value: 110101199003071234 → 1101**********1234. */
export function mask(value: string | null | undefined, keepStart = 4, keepEnd = 4): string | null {
  if (value == null) return null;
  const chars = [...value];
  if (chars.length <= keepStart + keepEnd) return '*'.repeat(chars.length);
  // slice(-0) would be the whole string: keepEnd 0 must keep nothing at the end.
  const end = keepEnd > 0 ? chars.slice(-keepEnd).join('') : '';
  return chars.slice(0, keepStart).join('') + '*'.repeat(chars.length - keepStart - keepEnd) + end;
}
