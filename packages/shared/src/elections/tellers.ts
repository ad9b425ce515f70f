/**
 * The election key, split among the tellers (监票人) with no dealer: joint-Feldman verifiable secret sharing,
 * the Pedersen DKG that Belenios' threshold mode uses.
 *
 * 1. Each teller i makes a transport key pair (p_i, P_i = p_i·G) in the browser, keeps p_i, publishes P_i with a
 *    Schnorr proof.
 * 2. Each teller i draws a polynomial f_i of degree t−1, publishes the Feldman commitments C_ik = a_ik·G, a proof of
 *    knowledge of a_i0, and for every teller j the share f_i(j) masked with a key only j can derive
 *    (H(ε·P_j), ε fresh — hashed ElGamal over Z_ℓ).
 * 3. Teller j checks every share it received against the commitments (a bad one is a complaint: the ceremony is
 *    restarted), and its key share is x_j = Σ_i f_i(j). The election key is Y = Σ_i C_i0; teller j's public
 *    verification key Y_j = Σ_i Σ_k j^k·C_ik is computable by anyone.
 * Any t tellers decrypt (Lagrange at 0); t−1 learn nothing about x = Σ a_i0. The server only relays.
 * Limits: joint-Feldman lets a rushing teller bias the public key's distribution (Gennaro–Jarecki–Krawczyk–Rabin);
 * that does not help decrypt. A teller who loses the transport secret cannot take part in the decryption; t of n
 * still can. There is no credential authority: the server could add ballots for voters who did not vote —
 * the count of ballots is checked against the count of voters marked as having voted online, and both are public.
 */
import { G, hashToScalar, L, mod, mul, mulSecret, type Pt, parsePt, parseSc, ptHex, randomScalar, scHex } from './group.js';
import { type Proof, proveEqual, proveSchnorr, verifyEqual, verifySchnorr } from './proofs.js';

export type TellerKey = { index: number; transportKey: string; proof: Proof };
export type MaskedShare = { to: number; e: string; s: string };
export type Dealing = { index: number; commitments: string[]; proof: Proof; shares: MaskedShare[] };
export type DecryptionShare = { index: number; d: string[]; proofs: Proof[] };

export function makeTellerKey(ctx: string, index: number): { secret: string; key: TellerKey } {
  const p = randomScalar();
  const P = mulSecret(G, p);
  return { secret: scHex(p), key: { index, transportKey: ptHex(P), proof: proveSchnorr(`${ctx}|transport|${index}`, p, P) } };
}
export function verifyTellerKey(ctx: string, k: TellerKey): boolean {
  try {
    return verifySchnorr(`${ctx}|transport|${k.index}`, parsePt(k.transportKey), k.proof);
  } catch {
    return false;
  }
}

const shareMask = (ctx: string, from: number, to: number, E: Pt, K: Pt) => hashToScalar('share', ctx, String(from), String(to), E, K);

/** Teller `index` deals: commitments, a proof for the constant, and a masked share for every teller (itself too). */
export function makeDealing(ctx: string, index: number, threshold: number, keys: TellerKey[]): Dealing {
  const coeffs = Array.from({ length: threshold }, () => randomScalar());
  const commitments = coeffs.map((a) => mulSecret(G, a));
  const f = (x: number) => coeffs.reduceRight((acc, a) => mod(acc * BigInt(x) + a), 0n);
  const shares = keys.map((k) => {
    const eps = randomScalar();
    const E = mulSecret(G, eps);
    const K = mulSecret(parsePt(k.transportKey), eps);
    return { to: k.index, e: ptHex(E), s: scHex(f(k.index) + shareMask(ctx, index, k.index, E, K)) };
  });
  return {
    index,
    commitments: commitments.map(ptHex),
    proof: proveSchnorr(`${ctx}|dealing|${index}`, coeffs[0], commitments[0]),
    shares,
  };
}

/** The public checks anyone (server, verifier) can make on a dealing: shape and the proof of the constant. */
export function verifyDealingPublic(ctx: string, d: Dealing, threshold: number, n: number): boolean {
  try {
    if (d.commitments.length !== threshold || d.shares.length !== n) return false;
    const C0 = parsePt(d.commitments[0]);
    d.commitments.forEach(parsePt);
    return verifySchnorr(`${ctx}|dealing|${d.index}`, C0, d.proof);
  } catch {
    return false;
  }
}

/** Σ_k j^k·C_k: what f(j)·G must equal. */
function commitAt(commitments: string[], j: number): Pt {
  let acc = mul(G, 0n);
  let pow = 1n;
  for (const c of commitments) {
    acc = acc.add(mul(parsePt(c), pow));
    pow = mod(pow * BigInt(j));
  }
  return acc;
}

export const electionKey = (dealings: Dealing[]): string =>
  ptHex(dealings.reduce((acc, d) => acc.add(parsePt(d.commitments[0])), mul(G, 0n)));
export const verificationKey = (dealings: Dealing[], j: number): Pt =>
  dealings.reduce((acc, d) => acc.add(commitAt(d.commitments, j)), mul(G, 0n));

/** Teller j's key share from the dealings, checking each received share; throws naming the dealer of a bad one. */
export function keyShare(ctx: string, j: number, transportSecret: string, dealings: Dealing[]): bigint {
  const p = parseSc(transportSecret);
  let x = 0n;
  for (const d of dealings) {
    const m = d.shares.find((s) => s.to === j);
    if (!m) throw new Error(`dealer ${d.index}: no share`);
    const E = parsePt(m.e);
    const s = mod(parseSc(m.s) - shareMask(ctx, d.index, j, E, mulSecret(E, p)));
    if (!mulSecret(G, s).equals(commitAt(d.commitments, j))) throw new Error(`dealer ${d.index}: bad share`);
    x = mod(x + s);
  }
  return x;
}

/** Teller j's decryption share of the summed ciphertexts' first parts, with a Chaum–Pedersen proof each. */
export function makeDecryptionShare(ctx: string, j: number, x: bigint, sums: Pt[]): DecryptionShare {
  const Yj = mulSecret(G, x);
  const d = sums.map((A) => mulSecret(A, x));
  return { index: j, d: d.map(ptHex), proofs: sums.map((A, k) => proveEqual(`${ctx}|decrypt|${j}|${k}`, x, Yj, A, d[k])) };
}

export function verifyDecryptionShare(ctx: string, dealings: Dealing[], sums: Pt[], s: DecryptionShare): boolean {
  try {
    if (s.d.length !== sums.length || s.proofs.length !== sums.length) return false;
    const Yj = verificationKey(dealings, s.index);
    return sums.every((A, k) => verifyEqual(`${ctx}|decrypt|${s.index}|${k}`, Yj, A, parsePt(s.d[k]), s.proofs[k]));
  } catch {
    return false;
  }
}

function inverse(a: bigint): bigint {
  let [r0, r1, s0, s1] = [mod(a), L, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0);
}

/** Lagrange coefficient at 0 for index j within the set. */
export function lagrange(j: number, set: number[]): bigint {
  let num = 1n;
  let den = 1n;
  for (const k of set) {
    if (k === j) continue;
    num = mod(num * BigInt(k));
    den = mod(den * BigInt(k - j));
  }
  return mod(num * inverse(den));
}

/** m·G for each choice from t (or more) decryption shares; throws when fewer than `threshold` are given. */
export function combine(threshold: number, sumsB: Pt[], shares: DecryptionShare[]): Pt[] {
  const used = shares.slice(0, threshold);
  if (used.length < threshold) throw new Error(`需要至少 ${threshold} 名监票人的解密份额`);
  const set = used.map((s) => s.index);
  return sumsB.map((B, k) => used.reduce((acc, s) => acc.subtract(mul(parsePt(s.d[k]), lagrange(s.index, set))), B));
}

/** The small discrete log by a table 0..max (tallies are at most the number of ballots). */
export function smallLog(points: Pt[], max: number): number[] {
  const table = new Map<string, number>();
  let acc = mul(G, 0n);
  for (let i = 0; i <= max; i++) {
    table.set(ptHex(acc), i);
    acc = acc.add(G);
  }
  return points.map((p) => {
    const v = table.get(ptHex(p));
    if (v === undefined) throw new Error('计票结果超出范围（解密份额不一致）');
    return v;
  });
}
