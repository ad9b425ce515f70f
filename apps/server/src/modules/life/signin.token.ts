import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type LifeRuleset, tokenSlot } from '@vanguard/shared';

/**
 * The rotating sign-in token and 6-digit code of a meeting. Both are HMAC-SHA256 under the
 * meeting's own key (kept in the database, never sent out) over the meeting id and the rotation
 * slot, so a token proves the phone saw the screen during that slot; it cannot be forged without
 * the key or moved to another meeting.
 */
export const newSignKey = (): string => randomBytes(32).toString('base64url');

const mac = (key: string, msg: string) => createHmac('sha256', Buffer.from(key, 'base64url')).update(msg).digest();

export function makeToken(meetingId: number, slot: number, key: string): string {
  return `${meetingId}.${slot}.${mac(key, `t.${meetingId}.${slot}`).subarray(0, 16).toString('base64url')}`;
}

/** 6 digits, with leading zeros. */
export function makeCode(meetingId: number, slot: number, key: string): string {
  return String(mac(key, `c.${meetingId}.${slot}`).readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** Meeting id and slot of a well-formed token (signature not yet checked), or null. */
export function parseToken(token: string): { meetingId: number; slot: number; sig: string } | null {
  const m = /^(\d{1,10})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token);
  return m ? { meetingId: Number(m[1]), slot: Number(m[2]), sig: m[3] } : null;
}

export function tokenSigned(token: string, key: string): boolean {
  const p = parseToken(token);
  if (!p) return false;
  const want = Buffer.from(makeToken(p.meetingId, p.slot, key));
  const got = Buffer.from(token);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** The slot among those still fresh at `at` whose code matches, or null. */
export function slotOfCode(code: string, meetingId: number, key: string, at: Date, rs: LifeRuleset): number | null {
  const now = tokenSlot(at, rs);
  const back = Math.ceil(rs.tokenValidSeconds / rs.tokenRotateSeconds);
  for (let s = now + 1; s >= now - back; s--) if (makeCode(meetingId, s, key) === code) return s;
  return null;
}
