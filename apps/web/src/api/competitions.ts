import { useEffect, useState } from 'react';
import { api, apiFile } from './client';

/** Shapes of the competitions API (apps/server/src/modules/competitions: schemas, board.ts, play.service.ts). */
export type Kind = 'live' | 'challenge';
export interface Competition {
  id: number;
  orgId: number;
  orgName: string;
  kind: Kind;
  kindName: string;
  title: string;
  description: string | null;
  joinCode: string | null;
  secondsPerQuestion: number | null;
  opensAt: string | null;
  closesAt: string | null;
  timeLimitSeconds: number | null;
  status: 'draft' | 'lobby' | 'running' | 'open' | 'finished';
  statusName: string;
  questionCount: number;
  currentPosition: number;
  players: number;
  finishedAt: string | null;
  createdAt: string;
}
export interface Option {
  key: string;
  text: string;
}
export interface HostQuestion {
  position: number;
  questionId: number;
  type: string;
  typeName: string;
  stem: string;
  options: Option[];
  rightKeys: string[];
  pushedAt: string | null;
  endsAt: string | null;
  answers: number;
  correctAnswers: number;
}
export interface CompetitionDetail extends Competition {
  questions: HostQuestion[];
  serverNow: string;
}
export interface PlayerRow {
  rank: number;
  playerId: number;
  name: string;
  branchId: number;
  branchName: string;
  correct: number;
  timeMs: number;
  answered: number;
}
export interface BranchRow {
  rank: number;
  branchId: number;
  branchName: string;
  players: number;
  avgCorrect: number;
  avgTimeMs: number;
}
export interface Leaderboard {
  competitionId: number;
  players: PlayerRow[];
  branches: BranchRow[];
  answers: number;
}
export interface QuestionView {
  position: number;
  type: string;
  typeName: string;
  stem: string;
  options: Option[];
  pushedAt: string | null;
  endsAt: string | null;
  rightKeys: string[] | null;
  answers: number;
}
/** The live state every screen shows (the stream's `state` event). */
export interface LiveState {
  id: number;
  kind: Kind;
  title: string;
  status: Competition['status'];
  questionCount: number;
  currentPosition: number;
  secondsPerQuestion: number | null;
  serverNow: string;
  question: QuestionView | null;
  playerCount: number;
  answers: number;
  top: PlayerRow[];
  branches: BranchRow[];
}
export interface MyCompetition {
  id: number;
  kind: Kind;
  kindName: string;
  title: string;
  status: Competition['status'];
  statusName: string;
  opensAt: string | null;
  closesAt: string | null;
  timeLimitSeconds: number | null;
  joined: boolean;
  submitted: boolean;
}
export interface ChallengeQuestion {
  id: number;
  position: number;
  type: string;
  typeName: string;
  stem: string;
  options: Option[];
  rightKeys: string[] | null;
  myKeys?: string[];
  correct?: boolean;
}
export interface ChallengeView {
  opensAt: string | null;
  closesAt: string | null;
  timeLimitSeconds: number | null;
  started: boolean;
  deadlineAt: string | null;
  submittedAt: string | null;
  serverNow: string;
  questions: ChallengeQuestion[];
  result: { correct: number; durationMs: number; rank: number | null; of: number } | null;
}
export interface MyState {
  state: LiveState;
  me: PlayerRow | null;
  playerId: number | null;
  joined: boolean;
  myAnswer: { position: number; keys: string[]; correct: boolean | null } | null;
  challenge: ChallengeView | null;
}
type Page<T> = { items: T[]; total: number };

const C = '/api/v1/competitions';
export const competitionsApi = {
  list: (query: Record<string, string | number | undefined>) => api<Page<Competition>>(C, { query }),
  create: (body: Record<string, unknown>) => api<Competition>(C, { method: 'POST', body }),
  get: (id: number) => api<CompetitionDetail>(`${C}/${id}`),
  remove: (id: number) => api<{ id: number }>(`${C}/${id}`, { method: 'DELETE' }),
  open: (id: number) => api<CompetitionDetail>(`${C}/${id}/open`, { method: 'POST' }),
  next: (id: number) => api<CompetitionDetail>(`${C}/${id}/next`, { method: 'POST' }),
  finish: (id: number) => api<CompetitionDetail>(`${C}/${id}/finish`, { method: 'POST' }),
  leaderboard: (id: number) => api<Leaderboard>(`${C}/${id}/leaderboard`),
  resultsXlsx: (id: number) => apiFile(`${C}/${id}/results.xlsx`),
  mine: () => api<MyCompetition[]>(`${C}/my`),
  joinByCode: (code: string) => api<{ competitionId: number }>(`${C}/my/join`, { method: 'POST', body: { code } }),
  join: (id: number) => api<{ competitionId: number }>(`${C}/my/${id}/join`, { method: 'POST' }),
  myState: (id: number) => api<MyState>(`${C}/my/${id}`),
  answer: (id: number, position: number, keys: string[]) =>
    api<{ position: number; keys: string[]; replay: boolean }>(`${C}/my/${id}/answers`, { method: 'POST', body: { position, keys } }),
  start: (id: number) => api<MyState>(`${C}/my/${id}/start`, { method: 'POST' }),
  submit: (id: number, answers: { position: number; keys: string[] }[]) =>
    api<MyState>(`${C}/my/${id}/submit`, { method: 'POST', body: { answers } }),
};

/**
 * Follows a competition's Server-Sent Events stream. The browser's EventSource reconnects by
 * itself (the server says `retry: 2000`), and the server sends the whole current state on every
 * connect, so a dropped connection or a restarted server resumes where things are.
 */
export function useLiveStream(url: string | null): { state: LiveState | null; me: PlayerRow | null; connected: boolean; offsetMs: number } {
  const [data, setData] = useState<{ state: LiveState | null; me: PlayerRow | null; offsetMs: number }>({
    state: null,
    me: null,
    offsetMs: 0,
  });
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!url) return;
    const es = new EventSource(url, { withCredentials: true });
    es.addEventListener('state', (ev) => {
      const d = JSON.parse((ev as MessageEvent<string>).data) as { state: LiveState; me: PlayerRow | null };
      // The server's clock decides; the phone only shows the countdown against it.
      setData({ state: d.state, me: d.me, offsetMs: new Date(d.state.serverNow).getTime() - Date.now() });
      setConnected(true);
    });
    es.onerror = () => setConnected(false);
    return () => es.close();
  }, [url]);
  return { ...data, connected };
}

/** Seconds left on a countdown by the server's clock (offset = server − local), ticking. */
export function useCountdown(endsAt: string | null | undefined, offsetMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!endsAt) return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [endsAt]);
  if (!endsAt) return 0;
  return Math.max(0, Math.ceil((new Date(endsAt).getTime() - (now + offsetMs)) / 1000));
}

export const seconds = (ms: number) => `${(Math.round(ms / 100) / 10).toFixed(1)}`;
export const keyText = (k: string) => (k === 'true' ? '正确' : k === 'false' ? '错误' : k);
