import { LIFE_RULESETS, tokenFresh, tokenSlot } from '@vanguard/shared';
import { describe, expect, it } from 'vitest';
import { makeCode, makeToken, newSignKey, parseToken, slotOfCode, tokenSigned } from './signin.token.js';

const rs = LIFE_RULESETS[0];
const key = newSignKey();
const t0 = new Date('2026-03-10T09:00:00+08:00');

describe('sign-in token', () => {
  it('round-trips and is bound to its key and meeting', () => {
    const tok = makeToken(42, tokenSlot(t0, rs), key);
    expect(parseToken(tok)).toMatchObject({ meetingId: 42, slot: tokenSlot(t0, rs) });
    expect(tokenSigned(tok, key)).toBe(true);
    expect(tokenSigned(tok, newSignKey())).toBe(false);
    const [, slot, sig] = tok.split('.');
    expect(tokenSigned(`43.${slot}.${sig}`, key)).toBe(false);
    expect(tokenSigned(`42.${Number(slot) + 1}.${sig}`, key)).toBe(false);
    expect(tokenSigned('garbage', key)).toBe(false);
  });
  it('expires: fresh for 2 minutes after it was shown', () => {
    const slot = tokenSlot(t0, rs);
    expect(tokenFresh(slot, new Date(t0.getTime() + 119_000), rs)).toBe(true);
    expect(tokenFresh(slot, new Date(t0.getTime() + 151_000), rs)).toBe(false);
  });
  it('numeric code: 6 digits, found while fresh, not after', () => {
    const slot = tokenSlot(t0, rs);
    const code = makeCode(42, slot, key);
    expect(code).toMatch(/^\d{6}$/);
    expect(slotOfCode(code, 42, key, new Date(t0.getTime() + 60_000), rs)).toBe(slot);
    expect(slotOfCode(code, 42, key, new Date(t0.getTime() + 10 * 60_000), rs)).toBeNull();
    expect(slotOfCode(code, 43, key, t0, rs)).toBeNull();
  });
});
