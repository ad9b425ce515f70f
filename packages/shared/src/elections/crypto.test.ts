import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Ballot, type BallotParams, ballotTracker, encryptBallot, tallySums, verifyBallot } from './ballot.js';
import { type BoardEvent, type ElectionExport, eventHash, GENESIS, tellerContext, verifyExport } from './board.js';
import { parsePt, scHex } from './group.js';
import {
  combine,
  type Dealing,
  electionKey,
  keyShare,
  makeDealing,
  makeDecryptionShare,
  makeTellerKey,
  smallLog,
  verifyDecryptionShare,
} from './tellers.js';

/** A whole key ceremony among n tellers with threshold t, as three browsers would run it. */
function ceremony(electionId: string, n = 3, t = 2) {
  const ctx = tellerContext(electionId);
  const made = Array.from({ length: n }, (_, i) => makeTellerKey(ctx, i + 1));
  const keys = made.map((m) => m.key);
  const dealings: Dealing[] = keys.map((k) => makeDealing(ctx, k.index, t, keys));
  const x = made.map((m, i) => keyShare(ctx, i + 1, m.secret, dealings));
  return { ctx, keys, dealings, x, publicKey: electionKey(dealings) };
}

function decrypt(c: ReturnType<typeof ceremony>, candidates: number, ballots: Ballot[], who: number[], t = 2) {
  const sums = tallySums(candidates, ballots);
  const shares = who.map((j) => makeDecryptionShare(c.ctx, j, c.x[j - 1], sums.a));
  for (const s of shares) expect(verifyDecryptionShare(c.ctx, c.dealings, sums.a, s)).toBe(true);
  return smallLog(combine(t, sums.b, shares), ballots.length);
}

const C = ceremony('e-test');

describe('election crypto (ristretto255, exponential ElGamal)', () => {
  it('property: the decrypted tally equals the plaintext oracle, for any 2 of 3 tellers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((seats) =>
          fc.record({
            seats: fc.constant(seats),
            cands: fc.constant(seats + 1),
            votes: fc.array(
              fc.array(fc.boolean(), { minLength: seats + 1, maxLength: seats + 1 }).filter((v) => v.filter(Boolean).length <= seats),
              { maxLength: 5 },
            ),
            pair: fc.constantFrom<number[]>([1, 2], [1, 3], [2, 3], [3, 1]),
          }),
        ),
        ({ seats, cands, votes, pair }) => {
          const p: BallotParams = { electionId: 'e-test', publicKey: C.publicKey, candidates: cands, seats };
          const ballots = votes.map((v) => encryptBallot(p, v));
          for (const b of ballots) expect(verifyBallot(p, b)).toBe(true);
          const oracle = Array.from({ length: cands }, (_, k) => votes.filter((v) => v[k]).length);
          expect(decrypt(C, cands, ballots, pair)).toEqual(oracle);
        },
      ),
      { numRuns: 8 },
    );
  });

  it('one teller share cannot decrypt; a single share used alone gives a wrong value', () => {
    const p: BallotParams = { electionId: 'e-test', publicKey: C.publicKey, candidates: 2, seats: 1 };
    const ballots = [encryptBallot(p, [true, false]), encryptBallot(p, [true, false])];
    const sums = tallySums(2, ballots);
    const one = makeDecryptionShare(C.ctx, 1, C.x[0], sums.a);
    expect(() => combine(2, sums.b, [one])).toThrow(/至少 2 名/);
    // forcing threshold 1 with one share of a 2-of-3 key does not reveal the tally
    expect(() => smallLog(combine(1, sums.b, [one]), 2)).toThrow();
    expect(decrypt(C, 2, ballots, [1, 2])).toEqual([2, 0]);
  });

  it('a tampered proof, an overvote, a ballot for another election are rejected', () => {
    const p: BallotParams = { electionId: 'e-test', publicKey: C.publicKey, candidates: 3, seats: 2 };
    const b = encryptBallot(p, [true, false, true]);
    expect(verifyBallot(p, b)).toBe(true);
    const tampered = structuredClone(b);
    tampered.choices[1].proof[0].z = scHex(123n);
    expect(verifyBallot(p, tampered)).toBe(false);
    const swapped = structuredClone(b);
    swapped.choices[0].b = b.choices[1].b;
    expect(verifyBallot(p, swapped)).toBe(false);
    expect(() => encryptBallot(p, [true, true, true])).toThrow(/超过/);
    // an overvote forged from three valid single choices: the sum proof of 2 seats cannot cover 3
    const all = { ...b, choices: [b.choices[0], encryptBallot(p, [false, true, false]).choices[1], b.choices[2]] };
    expect(verifyBallot(p, all)).toBe(false);
    expect(verifyBallot({ ...p, electionId: 'other' }, { ...b, electionId: 'other' })).toBe(false);
  });

  it('a bad share from a dealer is detected by the receiving teller; a bad decryption share fails its proof', () => {
    const ctx = tellerContext('e2');
    const made = [1, 2, 3].map((i) => makeTellerKey(ctx, i));
    const dealings = made.map((m) =>
      makeDealing(
        ctx,
        m.key.index,
        2,
        made.map((x) => x.key),
      ),
    );
    dealings[0].shares[1].s = scHex(7n);
    expect(() => keyShare(ctx, 2, made[1].secret, dealings)).toThrow(/dealer 1/);
    const p: BallotParams = { electionId: 'e-test', publicKey: C.publicKey, candidates: 1, seats: 1 };
    const sums = tallySums(1, [encryptBallot(p, [true])]);
    const wrong = makeDecryptionShare(C.ctx, 2, C.x[0], sums.a);
    expect(verifyDecryptionShare(C.ctx, C.dealings, sums.a, wrong)).toBe(false);
    expect(parsePt(C.publicKey).is0()).toBe(false);
  });
});

describe('the exported board and its verifier', () => {
  function board(): ElectionExport {
    const id = 'e-board';
    const c = ceremony(id);
    const events: BoardEvent[] = [];
    const push = (kind: BoardEvent['kind'], data: unknown) => {
      const prev = events.at(-1)?.hash ?? GENESIS;
      const seq = events.length + 1;
      events.push({ seq, kind, data, prev, hash: eventHash(prev, seq, kind, data) });
    };
    push('setup', {
      electionId: id,
      title: 't',
      seats: 1,
      candidates: ['甲', '乙'],
      tellers: 3,
      threshold: 2,
      entitled: 4,
      rulesetVersion: 'cpc-2020',
    });
    for (const k of c.keys) push('teller-key', k);
    for (const d of c.dealings) push('dealing', d);
    push('open', { publicKey: c.publicKey });
    const p: BallotParams = { electionId: id, publicKey: c.publicKey, candidates: 2, seats: 1 };
    const ballots = [
      [true, false],
      [true, false],
      [false, true],
    ].map((v) => encryptBallot(p, v));
    for (const b of ballots) push('ballot', { tracker: ballotTracker(b), ballot: b });
    push('close', { onlineVoters: 3, paperVoters: 1, present: 4 });
    push('paper', { valid: 1, invalid: 0, votes: [0, 1] });
    const sums = tallySums(2, ballots);
    for (const j of [1, 3]) push('share', makeDecryptionShare(c.ctx, j, c.x[j - 1], sums.a));
    push('result', { votes: [2, 2], online: [2, 1], paper: [0, 1], ballots: 4 });
    return { format: 'vanguard-election/1', board: events };
  }
  const rechain = (f: ElectionExport) => {
    let prev = GENESIS;
    f.board.forEach((e, i) => {
      e.seq = i + 1;
      e.prev = prev;
      e.hash = eventHash(prev, e.seq, e.kind, e.data);
      prev = e.hash;
    });
    return f;
  };

  it('passes on an honest export', () => {
    const r = verifyExport(board());
    expect(r.errors).toEqual([]);
    expect(r.votes).toEqual([2, 2]);
  });
  it('fails on a removed ballot, even with the chain recomputed', () => {
    const f = board();
    f.board.splice(
      f.board.findIndex((e) => e.kind === 'ballot'),
      1,
    );
    expect(verifyExport(structuredClone(f)).ok).toBe(false);
    const r = verifyExport(rechain(f));
    expect(r.ok).toBe(false);
    expect(r.errors.join()).toMatch(/decryption share proof fails|online ballots/);
  });
  it('fails on an added ballot, even with the chain recomputed', () => {
    const f = board();
    const b = f.board.find((e) => e.kind === 'ballot') as BoardEvent;
    const p = f.board.find((e) => e.kind === 'open')?.data as { publicKey: string };
    const extra = encryptBallot({ electionId: 'e-board', publicKey: p.publicKey, candidates: 2, seats: 1 }, [true, false]);
    f.board.splice(b.seq, 0, { ...b, data: { tracker: ballotTracker(extra), ballot: extra } });
    expect(verifyExport(structuredClone(f)).ok).toBe(false);
    expect(verifyExport(rechain(f)).ok).toBe(false);
  });
  it('fails on a changed ballot and on a changed result', () => {
    const f = board();
    const b = f.board.find((e) => e.kind === 'ballot') as BoardEvent;
    (b.data as { ballot: Ballot }).ballot.choices[0].proof[0].c = scHex(5n);
    expect(verifyExport(rechain(f)).errors.join()).toMatch(/tracker does not match|proof fails/);
    const g = board();
    ((g.board.at(-1) as BoardEvent).data as { votes: number[] }).votes[0] = 3;
    expect(verifyExport(rechain(g)).errors.join()).toMatch(/published votes differ/);
  });
});
