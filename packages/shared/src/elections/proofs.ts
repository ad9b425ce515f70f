/**
 * Zero-knowledge proofs (Fiat–Shamir, strong: the hash covers the context and every statement value):
 * - Schnorr proof of knowledge of x with X = x·G (teller keys, polynomial constants);
 * - Chaum–Pedersen proof that log_G(X) = log_A(D) (decryption shares);
 * - disjunctive Chaum–Pedersen (Cramer–Damgård–Schoenmakers) that an exponential-ElGamal ciphertext
 *   encrypts one of 0..max (0/1 per choice, 0..seats for the count), as in Helios and Belenios.
 * A proof is its challenges and responses; the verifier recomputes the commitments.
 */
import { G, hashToScalar, mod, mul, mulSecret, type Pt, parseSc, randomScalar, scHex } from './group.js';

export type Proof = { c: string; z: string };
export type RangeProof = Proof[];
export type Ciphertext = { a: Pt; b: Pt };

export function proveSchnorr(ctx: string, x: bigint, X: Pt): Proof {
  const w = randomScalar();
  const c = hashToScalar('schnorr', ctx, X, mulSecret(G, w));
  return { c: scHex(c), z: scHex(w + c * x) };
}
export function verifySchnorr(ctx: string, X: Pt, p: Proof): boolean {
  try {
    const c = parseSc(p.c);
    const a = mul(G, parseSc(p.z)).subtract(mul(X, c));
    return hashToScalar('schnorr', ctx, X, a) === c;
  } catch {
    return false;
  }
}

/** Proves log_G(X) = log_A(D) = x. */
export function proveEqual(ctx: string, x: bigint, X: Pt, A: Pt, D: Pt): Proof {
  const w = randomScalar();
  const c = hashToScalar('cp', ctx, X, A, D, mulSecret(G, w), mulSecret(A, w));
  return { c: scHex(c), z: scHex(w + c * x) };
}
export function verifyEqual(ctx: string, X: Pt, A: Pt, D: Pt, p: Proof): boolean {
  try {
    const c = parseSc(p.c);
    const z = parseSc(p.z);
    const a = mul(G, z).subtract(mul(X, c));
    const b = mul(A, z).subtract(mul(D, c));
    return hashToScalar('cp', ctx, X, A, D, a, b) === c;
  } catch {
    return false;
  }
}

/** Proves that ct = (r·G, m·G + r·Y) with m ∈ {0..max}, knowing m and r. */
export function proveRange(ctx: string, Y: Pt, ct: Ciphertext, m: number, r: bigint, max: number): RangeProof {
  if (!Number.isInteger(m) || m < 0 || m > max) throw new Error('value out of range');
  const cs: bigint[] = [];
  const zs: bigint[] = [];
  const commits: Pt[] = [];
  const w = randomScalar();
  for (let j = 0; j <= max; j++) {
    if (j === m) {
      cs.push(0n);
      zs.push(0n);
      commits.push(mulSecret(G, w), mulSecret(Y, w));
      continue;
    }
    const c = randomScalar();
    const z = randomScalar();
    cs.push(c);
    zs.push(z);
    commits.push(mul(G, z).subtract(mul(ct.a, c)), mul(Y, z).subtract(mul(ct.b.subtract(mul(G, BigInt(j))), c)));
  }
  const total = hashToScalar('range', ctx, Y, ct.a, ct.b, ...commits);
  cs[m] = mod(total - cs.reduce((s, c) => s + c, 0n));
  zs[m] = mod(w + cs[m] * r);
  return cs.map((c, j) => ({ c: scHex(c), z: scHex(zs[j]) }));
}

export function verifyRange(ctx: string, Y: Pt, ct: Ciphertext, proof: RangeProof, max: number): boolean {
  try {
    if (!Array.isArray(proof) || proof.length !== max + 1) return false;
    const commits: Pt[] = [];
    let sum = 0n;
    proof.forEach((p, j) => {
      const c = parseSc(p.c);
      const z = parseSc(p.z);
      sum += c;
      commits.push(mul(G, z).subtract(mul(ct.a, c)), mul(Y, z).subtract(mul(ct.b.subtract(mul(G, BigInt(j))), c)));
    });
    return mod(sum) === hashToScalar('range', ctx, Y, ct.a, ct.b, ...commits);
  } catch {
    return false;
  }
}
