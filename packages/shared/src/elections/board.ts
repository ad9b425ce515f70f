/**
 * The bulletin board (公告板): an append-only list of events, each hashing its predecessor's hash, and the
 * verifier that replays an exported election from the file alone (`npm run election:verify -- <file>`).
 */
import { type Ballot, type BallotParams, ballotTracker, tallySums, verifyBallot } from './ballot.js';
import { canonical, sha256Hex } from './group.js';
import {
  combine,
  type Dealing,
  type DecryptionShare,
  electionKey,
  smallLog,
  type TellerKey,
  verifyDealingPublic,
  verifyDecryptionShare,
  verifyTellerKey,
} from './tellers.js';

export type BoardEventKind = 'setup' | 'teller-key' | 'dealing' | 'open' | 'ballot' | 'close' | 'paper' | 'share' | 'result';
export type BoardEvent = { seq: number; kind: BoardEventKind; data: unknown; prev: string; hash: string };
export const GENESIS = '0'.repeat(64);

export const eventHash = (prev: string, seq: number, kind: string, data: unknown): string =>
  sha256Hex(`${prev}|${seq}|${kind}|${canonical(data)}`);

export type SetupData = {
  electionId: string;
  title: string;
  seats: number;
  candidates: string[];
  tellers: number;
  threshold: number;
  entitled: number;
  rulesetVersion: string;
};
export type CloseData = { onlineVoters: number; paperVoters: number; present: number };
export type PaperData = { valid: number; invalid: number; votes: number[] };
export type ResultData = { votes: number[]; online: number[]; paper: number[]; ballots: number };
export type ElectionExport = { format: 'vanguard-election/1'; board: BoardEvent[] };

/** The tellers' context string (the same in browser, server and verifier). */
export const tellerContext = (electionId: string): string => `vanguard-tellers|${electionId}`;

export type VerifyReport = { ok: boolean; errors: string[]; ballots: number; votes?: number[]; head?: string };

/** Re-checks the chain, every proof, the homomorphic tally, the decryption and the published result. */
export function verifyExport(file: ElectionExport): VerifyReport {
  const errors: string[] = [];
  const board = file.board ?? [];
  let prev = GENESIS;
  board.forEach((e, i) => {
    if (e.seq !== i + 1) errors.push(`event ${i + 1}: sequence ${e.seq}`);
    if (e.prev !== prev) errors.push(`event ${e.seq}: does not chain to the previous event`);
    if (eventHash(e.prev, e.seq, e.kind, e.data) !== e.hash) errors.push(`event ${e.seq}: hash does not match its content`);
    prev = e.hash;
  });
  const of = <T>(kind: BoardEventKind) => board.filter((e) => e.kind === kind).map((e) => e.data as T);
  const setup = of<SetupData>('setup')[0];
  if (!setup) return { ok: false, errors: [...errors, 'no setup event'], ballots: 0 };
  const tctx = tellerContext(setup.electionId);
  for (const k of of<TellerKey>('teller-key')) if (!verifyTellerKey(tctx, k)) errors.push(`teller ${k.index}: bad key proof`);
  const dealings = of<Dealing>('dealing');
  for (const d of dealings)
    if (!verifyDealingPublic(tctx, d, setup.threshold, setup.tellers)) errors.push(`teller ${d.index}: bad dealing`);
  if (dealings.length !== setup.tellers) errors.push(`expected ${setup.tellers} dealings, found ${dealings.length}`);
  const open = of<{ publicKey: string }>('open')[0];
  if (!open) return { ok: false, errors: [...errors, 'no open event'], ballots: 0, head: prev };
  if (dealings.length && electionKey(dealings) !== open.publicKey)
    errors.push('the election key is not the sum of the tellers’ commitments');
  const params: BallotParams = {
    electionId: setup.electionId,
    publicKey: open.publicKey,
    candidates: setup.candidates.length,
    seats: setup.seats,
  };
  const ballots = of<{ tracker: string; ballot: Ballot }>('ballot');
  const seen = new Set<string>();
  for (const b of ballots) {
    if (ballotTracker(b.ballot) !== b.tracker) errors.push(`ballot ${b.tracker.slice(0, 12)}: tracker does not match`);
    if (seen.has(b.tracker)) errors.push(`ballot ${b.tracker.slice(0, 12)}: duplicate`);
    seen.add(b.tracker);
    if (!verifyBallot(params, b.ballot)) errors.push(`ballot ${b.tracker.slice(0, 12)}: proof fails`);
  }
  const close = of<CloseData>('close')[0];
  if (close && close.onlineVoters !== ballots.length)
    errors.push(`${ballots.length} online ballots but ${close.onlineVoters} voters marked as having voted online`);
  const result = of<ResultData>('result')[0];
  if (!result) return { ok: errors.length === 0, errors, ballots: ballots.length, head: prev };
  const sums = tallySums(
    params.candidates,
    ballots.map((b) => b.ballot),
  );
  const shares = of<DecryptionShare>('share').filter((s) => {
    const ok = verifyDecryptionShare(tctx, dealings, sums.a, s);
    if (!ok) errors.push(`teller ${s.index}: decryption share proof fails for this ballot box`);
    return ok;
  });
  let online: number[] = [];
  try {
    online = smallLog(combine(setup.threshold, sums.b, shares), ballots.length);
  } catch (e) {
    errors.push(`tally: ${(e as Error).message}`);
  }
  const paper = of<PaperData>('paper')[0];
  const votes = online.map((v, k) => v + (paper?.votes[k] ?? 0));
  if (canonical(online) !== canonical(result.online)) errors.push('published online tally differs from the decrypted tally');
  if (canonical(votes) !== canonical(result.votes)) errors.push('published votes differ from online + paper');
  if (paper && close && paper.valid + paper.invalid > close.paperVoters) errors.push('more paper ballots returned than issued');
  return { ok: errors.length === 0, errors, ballots: ballots.length, votes, head: prev };
}
