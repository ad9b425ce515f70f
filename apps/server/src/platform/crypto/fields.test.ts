import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, mask, unwrapKey, wrapKey } from './fields.js';

describe('field encryption', () => {
  const key = randomBytes(32);
  for (const name of ['aes-256-gcm', 'sm4'] as const) {
    it(`${name}: round-trips Chinese text, random IV each time, tamper detected`, () => {
      const c = createFieldCipher(key, name);
      const a = c.encrypt('山西省晋城市 110101199003071234');
      const b = c.encrypt('山西省晋城市 110101199003071234');
      expect(a).not.toBe(b);
      expect(c.decrypt(a)).toBe('山西省晋城市 110101199003071234');
      const parts = a.split('.');
      const data = Buffer.from(parts[4], 'base64url');
      data[0] ^= 1;
      parts[4] = data.toString('base64url');
      expect(() => c.decrypt(parts.join('.'))).toThrow();
    });
  }

  it('reads old ciphertexts after the cipher is switched (AES → SM4)', () => {
    const aes = createFieldCipher(key, 'aes-256-gcm');
    const sm4 = createFieldCipher(key, 'sm4');
    expect(sm4.decrypt(aes.encrypt('13800138000'))).toBe('13800138000');
    expect(aes.decrypt(sm4.encrypt('13800138000'))).toBe('13800138000');
  });

  it('blind index: same value → same index (ignoring spaces and case), different key → different index', () => {
    const c = createFieldCipher(key, 'aes-256-gcm');
    expect(c.blindIndex('11010119900307123x')).toBe(c.blindIndex(' 11010119900307123X '));
    expect(c.blindIndex('110101199003071234')).not.toBe(c.blindIndex('110101199003071235'));
    expect(createFieldCipher(randomBytes(32), 'aes-256-gcm').blindIndex('x')).not.toBe(c.blindIndex('x'));
  });

  it('wraps data keys with the master key', () => {
    const master = randomBytes(32);
    expect(unwrapKey(master, wrapKey(master, key)).equals(key)).toBe(true);
    expect(() => unwrapKey(randomBytes(32), wrapKey(master, key))).toThrow();
  });

  it('masks all but the ends', () => {
    expect(mask('110101199003071234')).toBe('1101**********1234');
    expect(mask('13800138000', 3, 4)).toBe('138****8000');
    expect(mask('abc')).toBe('***');
    expect(mask('山西省晋城市城区', 3, 0)).toBe('山西省*****');
    expect(mask('山西省晋城市城区', 0, 0)).toBe('********');
    expect(mask(null)).toBeNull();
  });
});
