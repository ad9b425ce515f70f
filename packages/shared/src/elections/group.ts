/**
 * The prime-order group for the election crypto: ristretto255 (RFC 9496) from @noble/curves, audited.
 * Points travel as 64-hex-character strings, scalars as 64-hex-character strings (big-endian).
 * Runs unchanged in the browser and in node (only WebCrypto's getRandomValues and pure JS).
 */
import { ristretto255 } from '@noble/curves/ed25519.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';

export const Point = ristretto255.Point;
export type Pt = InstanceType<typeof Point>;
/** The group order ℓ = 2^252 + 27742317777372353535851937790883648493. */
export const L = Point.Fn.ORDER;
export const G: Pt = Point.BASE;
export const ZERO: Pt = Point.ZERO;

export const mod = (a: bigint): bigint => {
  const r = a % L;
  return r >= 0n ? r : r + L;
};

/** a·P for any scalar (0 gives the identity); public data only — secret scalars use `mulSecret`. */
export function mul(p: Pt, k: bigint): Pt {
  const s = mod(k);
  return s === 0n ? ZERO : p.multiplyUnsafe(s);
}
/** a·P with the constant-time ladder (secret keys, randomness). */
export function mulSecret(p: Pt, k: bigint): Pt {
  const s = mod(k);
  return s === 0n ? ZERO : p.multiply(s);
}

function bytesToBig(b: Uint8Array): bigint {
  let x = 0n;
  for (const v of b) x = (x << 8n) | BigInt(v);
  return x;
}

/** A uniformly random non-zero scalar (64 random bytes reduced mod ℓ: bias < 2^-250). */
export function randomScalar(): bigint {
  for (;;) {
    const s = mod(bytesToBig(randomBytes(64)));
    if (s !== 0n) return s;
  }
}

export const ptHex = (p: Pt): string => bytesToHex(p.toBytes());
export const scHex = (s: bigint): string => mod(s).toString(16).padStart(64, '0');

/** Parses a point; throws on anything that is not a canonical ristretto encoding. */
export function parsePt(h: string): Pt {
  if (!/^[0-9a-f]{64}$/.test(h)) throw new Error('bad point');
  return Point.fromHex(h);
}
const fixed = new Map<string, Pt>();
/** A long-lived base (the election key): parsed once and given a precomputed window table, which makes k·Y several times faster. */
export function fixedBase(h: string): Pt {
  let p = fixed.get(h);
  if (!p) {
    p = parsePt(h);
    p.precompute(8, false);
    if (fixed.size > 32) fixed.clear();
    fixed.set(h, p);
  }
  return p;
}

export function parseSc(h: string): bigint {
  if (!/^[0-9a-f]{64}$/.test(h)) throw new Error('bad scalar');
  const s = BigInt(`0x${h}`);
  if (s >= L) throw new Error('bad scalar');
  return s;
}

/** Fiat–Shamir: a domain-separated hash of the context and every public value, as a scalar. */
export function hashToScalar(domain: string, ...parts: (string | Pt | bigint)[]): bigint {
  const text = [domain, ...parts.map((p) => (typeof p === 'string' ? p : typeof p === 'bigint' ? scHex(p) : ptHex(p)))].join('|');
  return mod(bytesToBig(sha512(utf8ToBytes(text))));
}

export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));

/** JSON with sorted keys: the one byte form every hash (tracker, board chain) is taken over. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
