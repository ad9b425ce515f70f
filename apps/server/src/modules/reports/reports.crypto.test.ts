import { describe, expect, it } from 'vitest';
import {
  newClaimCode,
  newHandlerKeyPair,
  newReceipt,
  newReportKey,
  open,
  openPrivateKey,
  receiptKeys,
  seal,
  sealPrivateKey,
  unwrapForHandler,
  wrapForHandler,
} from './reports.crypto.js';

describe('report cryptography (node:crypto)', () => {
  it('seals and opens; a wrong key or a moved value (other aad) fails', () => {
    const k = newReportKey();
    const s = seal(k, Buffer.from('举报内容'), 'a:1');
    expect(s.includes(Buffer.from('举报内容'))).toBe(false);
    expect(open(k, s, 'a:1').toString()).toBe('举报内容');
    expect(() => open(newReportKey(), s, 'a:1')).toThrow();
    expect(() => open(k, s, 'a:2')).toThrow();
  });

  it('wraps a report key for a handler: only that handler’s private key unwraps it', () => {
    const a = newHandlerKeyPair();
    const b = newHandlerKeyPair();
    const k = newReportKey();
    const w = wrapForHandler(k, a.publicKey, 'report-key:9');
    expect(unwrapForHandler(w, a.privateDer, 'report-key:9').equals(k)).toBe(true);
    expect(() => unwrapForHandler(w, b.privateDer, 'report-key:9')).toThrow();
    expect(wrapForHandler(k, a.publicKey, 'report-key:9')).not.toBe(w); // a fresh ephemeral key each time
  });

  it('the private key opens with the password only', async () => {
    const a = newHandlerKeyPair();
    const sealed = await sealPrivateKey(a.privateDer, 'Pw-1', 5);
    expect((await openPrivateKey(sealed, 'Pw-1', 5))?.equals(a.privateDer)).toBe(true);
    expect(await openPrivateKey(sealed, 'Pw-2', 5)).toBeNull();
    expect(await openPrivateKey(sealed, 'Pw-1', 6)).toBeNull();
  });

  it('receipts: 16 digits; the lookup half and the wrapping half differ and are stable', async () => {
    const r = newReceipt();
    expect(r).toMatch(/^\d{16}$/);
    const salt = Buffer.alloc(32, 7);
    const x = await receiptKeys(r, salt);
    const y = await receiptKeys(r, salt);
    expect(x.lookup).toBe(y.lookup);
    expect(x.wrapKey.equals(y.wrapKey)).toBe(true);
    expect(x.wrapKey.toString('hex')).not.toBe(x.lookup);
    expect(new Set(Array.from({ length: 200 }, newReceipt)).size).toBe(200);
    expect(newClaimCode()).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  });
});
