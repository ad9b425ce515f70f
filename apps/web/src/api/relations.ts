import type {
  ContactFactResultSchema,
  ContactFactSchema,
  DestinationSchema,
  IncomingSchema,
  LetterIssueSchema,
  LetterSchema,
  LostCandidateSchema,
  LostCaseOpenSchema,
  LostCaseSchema,
  LostListSchema,
  LostStepSchema,
  MobileCreateSchema,
  MobileSchema,
  MyRequestSchema,
  ReceiptSchema,
  TransferSchema,
  TransferStartSchema,
} from '@vanguard/shared/api/relations';
import type { z } from 'zod';
import { api } from './client';
import type { Page } from './types';

/**
 * The web's client of the relations contract (@vanguard/shared/api/relations), used by the console
 * and the phone. Types are the JSON on the wire, `z.input` of the contract's schemas (timestamps
 * are ISO strings; request fields with a default are optional).
 */
export type TransferDto = z.input<typeof TransferSchema>;
export type TransferAction = TransferDto['actions'][number];
export type LetterDto = z.input<typeof LetterSchema>;
export type MobileDto = z.input<typeof MobileSchema>;
export type LostCandidateDto = z.input<typeof LostCandidateSchema>;
export type LostCaseDto = z.input<typeof LostCaseSchema>;
export type Destination = z.input<typeof DestinationSchema>;
export type LetterIssueInput = z.input<typeof LetterIssueSchema>;
export type ReceiptInput = z.input<typeof ReceiptSchema>;
export type IncomingInput = z.input<typeof IncomingSchema>;
export type MobileCreateInput = z.input<typeof MobileCreateSchema>;
export type LostStepInput = z.input<typeof LostStepSchema>;
/** A query string's values (the server's schema checks and coerces them). */
type Query = Record<string, string | number | boolean | undefined | null>;

/** An answer of the members list (/api/v1/members, the members module's contract) as the pickers use it. */
export interface MemberOption {
  id: number;
  name: string;
  orgName: string;
}

const post = <T>(path: string, body: unknown = {}) => api<T>(path, { method: 'POST', body });

export const relationsApi = {
  transfers: (q: Query) => api<Page<TransferDto>>('/api/v1/relation-transfers', { query: q }),
  startTransfer: (b: z.input<typeof TransferStartSchema>) => post<TransferDto>('/api/v1/relation-transfers', b),
  proceed: (id: number, toOrgId: number) => post<TransferDto>(`/api/v1/relation-transfers/${id}/start`, { toOrgId }),
  accept: (id: number) => post<TransferDto>(`/api/v1/relation-transfers/${id}/accept`, {}),
  reject: (id: number, note: string) => post<TransferDto>(`/api/v1/relation-transfers/${id}/reject`, { note }),
  cancel: (id: number) => post<TransferDto>(`/api/v1/relation-transfers/${id}/cancel`),
  destinations: (q?: string) => api<Destination[]>('/api/v1/relation-destinations', { query: { q } }),
  members: (q?: string) => api<Page<MemberOption>>('/api/v1/members', { query: { q, pageSize: 20, status: 'normal' } }),

  letters: (q: Query) => api<Page<LetterDto>>('/api/v1/relation-letters', { query: q }),
  letter: (id: number, reveal: boolean) => api<LetterDto>(`/api/v1/relation-letters/${id}`, { query: { reveal: reveal || undefined } }),
  issueLetter: (b: LetterIssueInput) => post<LetterDto>('/api/v1/relation-letters', b),
  reissue: (id: number) => post<LetterDto>(`/api/v1/relation-letters/${id}/reissue`, {}),
  receipt: (b: ReceiptInput) => post<LetterDto>('/api/v1/relation-letters/receipts', b),
  incoming: (b: IncomingInput) => post<LetterDto>('/api/v1/relation-letters/incoming', b),

  mobiles: (q: Query) => api<Page<MobileDto>>('/api/v1/relation-mobiles', { query: q }),
  registerMobile: (b: MobileCreateInput) => post<MobileDto>('/api/v1/relation-mobiles', b),
  returnMobile: (id: number, returnedOn: string) => post<MobileDto>(`/api/v1/relation-mobiles/${id}/return`, { returnedOn }),

  lost: (q: Query) => api<z.input<typeof LostListSchema>>('/api/v1/relation-lost', { query: q }),
  contact: (b: z.input<typeof ContactFactSchema>) => post<z.input<typeof ContactFactResultSchema>>('/api/v1/relation-contacts', b),
  openCase: (b: z.input<typeof LostCaseOpenSchema>) => post<LostCaseDto>('/api/v1/relation-lost-cases', b),
  lostCase: (id: number) => api<LostCaseDto>(`/api/v1/relation-lost-cases/${id}`),
  addStep: (id: number, b: LostStepInput) => post<LostCaseDto>(`/api/v1/relation-lost-cases/${id}/steps`, b),

  myTransfers: () => api<TransferDto[]>('/api/v1/me/relation-transfers'),
  requestTransfer: (b: z.input<typeof MyRequestSchema>) => post<TransferDto>('/api/v1/me/relation-transfers', b),
};

/** Today as YYYY-MM-DD in China time (form defaults only; the server decides with its clock). */
export const todayIso = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
