/**
 * The web's client for the competitions contract (@vanguard/shared/api/competitions), used by the
 * console and the phone: the REST calls and the live stream.
 */
import type {
  AnswerResultWire,
  CompetitionCreateBody,
  CompetitionDetailWire,
  CompetitionListQuery,
  CompetitionWire,
  JoinResultDto,
  LeaderboardDto,
  LiveStateWire,
  MyCompetitionWire,
  MyStateWire,
  PlayerRowDto,
  StreamStateWire,
} from '@vanguard/shared/api/competitions';
import { useEffect, useState } from 'react';
import { api, apiFile } from './client';
import type { Page } from './types';

const C = '/api/v1/competitions';
export const competitionsApi = {
  list: (query: Partial<CompetitionListQuery>) => api<Page<CompetitionWire>>(C, { query }),
  create: (body: CompetitionCreateBody) => api<CompetitionWire>(C, { method: 'POST', body }),
  get: (id: number) => api<CompetitionDetailWire>(`${C}/${id}`),
  remove: (id: number) => api<{ id: number; deleted: true }>(`${C}/${id}`, { method: 'DELETE' }),
  open: (id: number) => api<CompetitionDetailWire>(`${C}/${id}/open`, { method: 'POST' }),
  next: (id: number) => api<CompetitionDetailWire>(`${C}/${id}/next`, { method: 'POST' }),
  finish: (id: number) => api<CompetitionDetailWire>(`${C}/${id}/finish`, { method: 'POST' }),
  leaderboard: (id: number) => api<LeaderboardDto>(`${C}/${id}/leaderboard`),
  resultsXlsx: (id: number) => apiFile(`${C}/${id}/results.xlsx`),
  mine: () => api<MyCompetitionWire[]>(`${C}/my`),
  joinByCode: (code: string) => api<JoinResultDto>(`${C}/my/join`, { method: 'POST', body: { code } }),
  join: (id: number) => api<JoinResultDto>(`${C}/my/${id}/join`, { method: 'POST' }),
  myState: (id: number) => api<MyStateWire>(`${C}/my/${id}`),
  answer: (id: number, position: number, keys: string[]) =>
    api<AnswerResultWire>(`${C}/my/${id}/answers`, { method: 'POST', body: { position, keys } }),
  start: (id: number) => api<MyStateWire>(`${C}/my/${id}/start`, { method: 'POST' }),
  submit: (id: number, answers: { position: number; keys: string[] }[]) =>
    api<MyStateWire>(`${C}/my/${id}/submit`, { method: 'POST', body: { answers } }),
};

/**
 * Follows a competition's Server-Sent Events stream. The browser's EventSource reconnects by
 * itself (the server says `retry: 2000`), and the server sends the whole current state on every
 * connect, so a dropped connection or a restarted server resumes where things are.
 */
export function useLiveStream(url: string | null): {
  state: LiveStateWire | null;
  me: PlayerRowDto | null;
  connected: boolean;
  offsetMs: number;
} {
  const [data, setData] = useState<{ state: LiveStateWire | null; me: PlayerRowDto | null; offsetMs: number }>({
    state: null,
    me: null,
    offsetMs: 0,
  });
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!url) return;
    const es = new EventSource(url, { withCredentials: true });
    es.addEventListener('state', (ev) => {
      const d = JSON.parse((ev as MessageEvent<string>).data) as StreamStateWire;
      // The server's clock decides; the phone only shows the countdown against it.
      setData({ state: d.state, me: d.me, offsetMs: new Date(d.state.serverNow).getTime() - Date.now() });
      setConnected(true);
    });
    es.onerror = () => setConnected(false);
    return () => es.close();
  }, [url]);
  return { ...data, connected };
}
