/**
 * Election crypto benchmark: `npx tsx bench/elections.ts [--ballots 500] [--candidates 6] [--seats 5]`.
 * Generates a key ceremony among 3 tellers (2 of 3), N ballots encrypted as the browser does, then measures
 * the server's per-ballot proof check (p50/p99), the homomorphic tally with 2 decryption shares, and the
 * verifier over the whole exported board. The HTTP and database part of a submission is not included here.
 */
import { cpus, loadavg } from 'node:os';
import { type Ballot, ballotTracker, encryptBallot, tallySums, verifyBallot } from '@vanguard/shared/elections/ballot';
import { type BoardEvent, eventHash, GENESIS, tellerContext, verifyExport } from '@vanguard/shared/elections/board';
import {
  combine,
  electionKey,
  keyShare,
  makeDealing,
  makeDecryptionShare,
  makeTellerKey,
  smallLog,
} from '@vanguard/shared/elections/tellers';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('ballots', 500);
const C = arg('candidates', 6);
const S = arg('seats', 5);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const load0 = loadavg()[0];

const id = 'bench-1';
const ctx = tellerContext(id);
const made = [1, 2, 3].map((i) => makeTellerKey(ctx, i));
const keys = made.map((m) => m.key);
const dealings = keys.map((k) => makeDealing(ctx, k.index, 2, keys));
const x = made.map((m, i) => keyShare(ctx, i + 1, m.secret, dealings));
const publicKey = electionKey(dealings);
const params = { electionId: id, publicKey, candidates: C, seats: S };

const enc: number[] = [];
const ver: number[] = [];
const ballots: Ballot[] = [];
const oracle = Array.from({ length: C }, () => 0);
for (let v = 0; v < N; v++) {
  const picks = Array.from({ length: C }, (_, k) => (v * 7 + k * 3) % C < S && (v + k) % 4 !== 0);
  picks.forEach((p, k) => {
    oracle[k] += p ? 1 : 0;
  });
  let t = performance.now();
  const b = encryptBallot(params, picks);
  enc.push(performance.now() - t);
  t = performance.now();
  if (!verifyBallot(params, b)) throw new Error('ballot failed');
  ver.push(performance.now() - t);
  ballots.push(b);
}
let t = performance.now();
const sums = tallySums(C, ballots);
const shares = [1, 3].map((j) => makeDecryptionShare(ctx, j, x[j - 1], sums.a));
const votes = smallLog(combine(2, sums.b, shares), N);
const tallyMs = performance.now() - t;
if (votes.join() !== oracle.join()) throw new Error('tally differs from the oracle');

const events: BoardEvent[] = [];
const push = (kind: BoardEvent['kind'], data: unknown) => {
  const prev = events.at(-1)?.hash ?? GENESIS;
  events.push({ seq: events.length + 1, kind, data, prev, hash: eventHash(prev, events.length + 1, kind, data) });
};
push('setup', {
  electionId: id,
  title: 'bench',
  seats: S,
  candidates: Array.from({ length: C }, (_, k) => `c${k}`),
  tellers: 3,
  threshold: 2,
  entitled: N,
  rulesetVersion: 'cpc-2020',
});
for (const k of keys) push('teller-key', k);
for (const d of dealings) push('dealing', d);
push('open', { publicKey });
for (const b of ballots) push('ballot', { tracker: ballotTracker(b), ballot: b });
push('close', { onlineVoters: N, paperVoters: 0, present: N });
for (const s of shares) push('share', s);
push('result', { votes, online: votes, paper: Array.from({ length: C }, () => 0), ballots: N });
t = performance.now();
const report = verifyExport({ format: 'vanguard-election/1', board: events });
const verifyMs = performance.now() - t;
if (!report.ok) throw new Error(report.errors.join('; '));

const f = (n: number) => n.toFixed(1);
console.log(
  `| ballots | candidates/seats | encrypt p50/p99 ms (browser) | proof check p50/p99 ms (server) | tally + 2 shares s | verify board s | cores | load before/after |`,
);
console.log(`|---|---|---|---|---|---|---|---|`);
console.log(
  `| ${N} | ${C}/${S} | ${f(pct(enc, 50))} / ${f(pct(enc, 99))} | ${f(pct(ver, 50))} / ${f(pct(ver, 99))} | ${f(tallyMs / 1000)} | ${f(verifyMs / 1000)} | ${cpus().length} | ${load0.toFixed(1)} / ${loadavg()[0].toFixed(1)} |`,
);
