/**
 * The encrypted ballot: one exponential-ElGamal ciphertext per candidate (1 = in favour, 0 = not), each with a
 * 0/1 proof, and a proof that the sum of all choices is 0..seats (a blank ballot is valid, an overvote cannot be
 * proved). Made in the voter's browser; the server and the verifier check it with `verifyBallot`.
 */
import { canonical, fixedBase, G, mul, mulSecret, type Pt, parsePt, ptHex, randomScalar, sha256Hex, ZERO } from './group.js';
import { type Proof, proveRange, type RangeProof, verifyRange } from './proofs.js';

export type BallotParams = { electionId: string; publicKey: string; candidates: number; seats: number };
export type EncChoice = { a: string; b: string; proof: RangeProof };
export type Ballot = { electionId: string; choices: EncChoice[]; overall: RangeProof };

/** The Fiat–Shamir context: binds every proof to this election, its key and its shape (no replay elsewhere). */
export const ballotContext = (p: BallotParams): string => `vanguard-ballot|${p.electionId}|${p.publicKey}|${p.candidates}|${p.seats}`;

export function encryptBallot(p: BallotParams, picks: boolean[]): Ballot {
  if (picks.length !== p.candidates) throw new Error('选择数与候选人数不符');
  const chosen = picks.filter(Boolean).length;
  if (chosen > p.seats) throw new Error(`所选人数超过应选名额 ${p.seats}`);
  const Y = fixedBase(p.publicKey);
  const ctx = ballotContext(p);
  let rSum = 0n;
  let aSum: Pt = ZERO;
  let bSum: Pt = ZERO;
  const choices = picks.map((pick, k) => {
    const r = randomScalar();
    const m = pick ? 1 : 0;
    const ct = { a: mulSecret(G, r), b: mul(G, BigInt(m)).add(mulSecret(Y, r)) };
    rSum += r;
    aSum = aSum.add(ct.a);
    bSum = bSum.add(ct.b);
    return { a: ptHex(ct.a), b: ptHex(ct.b), proof: proveRange(`${ctx}|${k}`, Y, ct, m, r, 1) };
  });
  return { electionId: p.electionId, choices, overall: proveRange(`${ctx}|sum`, Y, { a: aSum, b: bSum }, chosen, rSum, p.seats) };
}

/** Every proof of a ballot, for this election; false on any malformed part. */
export function verifyBallot(p: BallotParams, ballot: Ballot): boolean {
  try {
    if (ballot.electionId !== p.electionId || ballot.choices.length !== p.candidates) return false;
    const Y = fixedBase(p.publicKey);
    const ctx = ballotContext(p);
    let aSum: Pt = ZERO;
    let bSum: Pt = ZERO;
    for (const [k, c] of ballot.choices.entries()) {
      const ct = { a: parsePt(c.a), b: parsePt(c.b) };
      if (!verifyRange(`${ctx}|${k}`, Y, ct, c.proof, 1)) return false;
      aSum = aSum.add(ct.a);
      bSum = bSum.add(ct.b);
    }
    return verifyRange(`${ctx}|sum`, Y, { a: aSum, b: bSum }, ballot.overall, p.seats);
  } catch {
    return false;
  }
}

/** The ballot tracker (选票追踪码): SHA-256 of the ballot's canonical JSON; shown to the voter, published on the board. */
export const ballotTracker = (ballot: Ballot): string => sha256Hex(canonical(ballot));

/** The homomorphic tally: per candidate the product (sum) of all ciphertexts. */
export function tallySums(candidates: number, ballots: Ballot[]): { a: Pt[]; b: Pt[] } {
  const a: Pt[] = Array.from({ length: candidates }, () => ZERO);
  const b: Pt[] = Array.from({ length: candidates }, () => ZERO);
  for (const bl of ballots) {
    bl.choices.forEach((c, k) => {
      a[k] = a[k].add(parsePt(c.a));
      b[k] = b[k].add(parsePt(c.b));
    });
  }
  return { a, b };
}

export type { Proof };
