/** The web's client for the elections contract (@vanguard/shared/api/elections), used by console and phone. */
import type {
  BoardSchema,
  ElectionCreateSchema,
  ElectionDetailSchema,
  ElectionPageSchema,
  MyElectionListSchema,
  MyElectionSchema,
  ResultsSchema,
  TrackerSchema,
  VoterPageSchema,
} from '@vanguard/shared/api/elections';
import type { Ballot } from '@vanguard/shared/elections/ballot';
import type { Dealing, DecryptionShare, TellerKey } from '@vanguard/shared/elections/tellers';
import type { z } from 'zod';
import { api, apiFile } from './client';

export type ElectionDetail = z.input<typeof ElectionDetailSchema>;
export type MyElection = z.input<typeof MyElectionSchema>;
export type Results = z.input<typeof ResultsSchema>;
export type Board = z.input<typeof BoardSchema>;
export type ElectionCreateBody = z.input<typeof ElectionCreateSchema>;

const E = (id: number) => `/api/v1/elections/${id}`;
const MY = (id: number) => `/api/v1/my/elections/${id}`;
const post = <T>(url: string, body?: unknown) => api<T>(url, { method: 'POST', body });

export const electionsApi = {
  list: (q: { page: number; pageSize: number; orgId?: number }) =>
    api<z.input<typeof ElectionPageSchema>>('/api/v1/elections', { query: q }),
  create: (body: ElectionCreateBody) => post<{ id: number }>('/api/v1/elections', body),
  get: (id: number) => api<ElectionDetail>(E(id)),
  setCandidates: (id: number, memberIds: number[]) => api<ElectionDetail>(`${E(id)}/candidates`, { method: 'PUT', body: { memberIds } }),
  step: (id: number, step: 'approve' | 'roll' | 'freeze' | 'open' | 'close') => post<ElectionDetail>(`${E(id)}/${step}`),
  voters: (id: number, q: { page: number; pageSize: number }) => api<z.input<typeof VoterPageSchema>>(`${E(id)}/voters`, { query: q }),
  exclude: (id: number, voterId: number, reason: string | null) =>
    api<ElectionDetail>(`${E(id)}/voters/${voterId}/exclusion`, { method: 'PUT', body: { reason } }),
  checkIn: (id: number, memberId: number) => post<ElectionDetail>(`${E(id)}/check-in`, { memberId }),
  paper: (id: number, memberId: number) => post<ElectionDetail>(`${E(id)}/paper`, { memberId }),
  shortfall: (id: number, decision: 'another-round' | 'fewer-seats') => post<ElectionDetail>(`${E(id)}/shortfall`, { decision }),
  results: (id: number) => api<Results>(`${E(id)}/results`),
  resultsXlsx: (id: number) => apiFile(`${E(id)}/results.xlsx`),
  exportBoard: (id: number) => api<Board>(`${E(id)}/export`),
  mine: () => api<z.input<typeof MyElectionListSchema>>('/api/v1/my/elections'),
  my: (id: number) => api<MyElection>(MY(id)),
  myBoard: (id: number) => api<Board>(`${MY(id)}/board`),
  cast: (id: number, ballot: Ballot) => post<z.input<typeof TrackerSchema>>(`${MY(id)}/ballot`, { ballot }),
  myResults: (id: number) => api<Results>(`${MY(id)}/results`),
  tellerKey: (id: number, key: TellerKey) => post<{ ok: boolean }>(`${MY(id)}/teller/key`, key),
  dealing: (id: number, d: Dealing) => post<{ ok: boolean }>(`${MY(id)}/teller/dealing`, d),
  share: (id: number, s: DecryptionShare) => post<{ ok: boolean }>(`${MY(id)}/teller/share`, s),
  paperCount: (id: number, c: { valid: number; invalid: number; votes: number[] }) => post<{ ok: boolean }>(`${MY(id)}/teller/paper`, c),
};
