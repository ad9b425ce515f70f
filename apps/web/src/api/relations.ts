import { api } from '../../api/client';

/** Shapes of the relations API (apps/server/src/modules/relations/relations.schemas.ts). */
export interface Page<T> {
  items: T[];
  total: number;
}

export type TransferAction = 'start' | 'decline' | 'accept' | 'reject' | 'cancel' | 'letter';
export interface TransferDto {
  id: number;
  kind: string;
  status: string;
  statusName: string;
  memberId: number;
  memberName: string;
  memberSex: string;
  memberCategory: string;
  fromOrgId: number;
  fromOrgName: string;
  toOrgId: number | null;
  toOrgName: string | null;
  reason: string;
  decisionNote: string | null;
  effectiveOn: string | null;
  letterId: number | null;
  createdAt: string;
  decidedAt: string | null;
  actions: TransferAction[];
}

export interface LetterDto {
  id: number;
  direction: 'out' | 'in';
  number: string;
  status: string;
  statusName: string;
  memberId: number | null;
  transferId: number | null;
  orgId: number;
  committeeName: string;
  addressee: string;
  name: string;
  sex: string;
  age: number;
  ethnicity: string;
  category: string;
  categoryName: string;
  idNumber: string | null;
  memberPhone: string | null;
  fromOrgName: string;
  toOrgName: string;
  duesPaidTo: string;
  duesPaidToCapital: string;
  validityDays: number;
  validityDaysCapital: string;
  issuedOn: string;
  issuedOnCapital: string;
  validUntil: string;
  receiptDueOn: string;
  committeeAddress: string | null;
  committeePhone: string | null;
  committeeFax: string | null;
  committeePostcode: string | null;
  receiptOn: string | null;
  receiptOnCapital: string | null;
  receiptOrgName: string | null;
  receiptHandler: string | null;
  receiptNote: string | null;
  reissueOfId: number | null;
  isExpired: boolean;
  isReceiptOverdue: boolean;
  source: string;
}

export interface MobileDto {
  id: number;
  direction: 'out' | 'in';
  memberId: number | null;
  personName: string;
  orgId: number;
  orgName: string;
  place: string;
  homeOrgName: string | null;
  reason: string;
  startOn: string;
  expectedReturnOn: string;
  fixedPlace: boolean;
  form: string;
  formName: string;
  contact: string | null;
  returnedOn: string | null;
}

export interface LostCandidateDto {
  memberId: number;
  memberName: string;
  orgId: number;
  orgName: string;
  lastLifeOn: string | null;
  lastDuesOn: string | null;
  since: string;
  months: number;
  stage: string;
  stageName: string;
  caseId: number | null;
  nextStep: string | null;
  nextStepName: string | null;
}

export interface LostCaseDto {
  id: number;
  memberId: number;
  memberName: string;
  orgId: number;
  status: string;
  outcome: string | null;
  since: string | null;
  closedOn: string | null;
  steps: { step: string; stepName: string; on: string; deadline: string | null; note: string | null }[];
  nextStep: string | null;
  nextStepName: string | null;
  source: string;
}

export interface Destination {
  id: number;
  name: string;
  parentName: string | null;
}

export interface MemberOption {
  id: number;
  name: string;
  orgName: string;
}

const post = <T>(path: string, body: unknown = {}) => api<T>(path, { method: 'POST', body });

export const relationsApi = {
  transfers: (q: { box: 'out' | 'in'; status?: string; page: number; pageSize: number }) =>
    api<Page<TransferDto>>('/api/v1/relation-transfers', { query: q }),
  startTransfer: (b: { memberId: number; toOrgId: number; reason: string }) => post<TransferDto>('/api/v1/relation-transfers', b),
  proceed: (id: number, toOrgId: number) => post<TransferDto>(`/api/v1/relation-transfers/${id}/start`, { toOrgId }),
  accept: (id: number) => post<TransferDto>(`/api/v1/relation-transfers/${id}/accept`, {}),
  reject: (id: number, note: string) => post<TransferDto>(`/api/v1/relation-transfers/${id}/reject`, { note }),
  cancel: (id: number) => post<TransferDto>(`/api/v1/relation-transfers/${id}/cancel`),
  destinations: (q?: string) => api<Destination[]>('/api/v1/relation-destinations', { query: { q } }),
  members: (q?: string) => api<Page<MemberOption>>('/api/v1/members', { query: { q, pageSize: 20, status: 'normal' } }),

  letters: (q: { direction: 'out' | 'in'; filter: string; page: number; pageSize: number }) =>
    api<Page<LetterDto>>('/api/v1/relation-letters', { query: q }),
  letter: (id: number, reveal: boolean) => api<LetterDto>(`/api/v1/relation-letters/${id}`, { query: { reveal: reveal || undefined } }),
  issueLetter: (b: Record<string, unknown>) => post<LetterDto>('/api/v1/relation-letters', b),
  reissue: (id: number) => post<LetterDto>(`/api/v1/relation-letters/${id}/reissue`, {}),
  receipt: (b: Record<string, unknown>) => post<LetterDto>('/api/v1/relation-letters/receipts', b),
  incoming: (b: Record<string, unknown>) => post<LetterDto>('/api/v1/relation-letters/incoming', b),

  mobiles: (q: { direction: 'out' | 'in'; active: boolean; page: number; pageSize: number }) =>
    api<Page<MobileDto>>('/api/v1/relation-mobiles', { query: q }),
  registerMobile: (b: Record<string, unknown>) => post<MobileDto>('/api/v1/relation-mobiles', b),
  returnMobile: (id: number, returnedOn: string) => post<MobileDto>(`/api/v1/relation-mobiles/${id}/return`, { returnedOn }),

  lost: (q: { page: number; pageSize: number }) =>
    api<Page<LostCandidateDto> & { unknown: number; source: string }>('/api/v1/relation-lost', { query: q }),
  contact: (b: { memberId: number; kind: 'life' | 'dues'; on: string }) => post<unknown>('/api/v1/relation-contacts', b),
  openCase: (b: { memberId: number; on: string; note?: string }) => post<LostCaseDto>('/api/v1/relation-lost-cases', b),
  lostCase: (id: number) => api<LostCaseDto>(`/api/v1/relation-lost-cases/${id}`),
  addStep: (id: number, b: { step: string; on: string; deadline?: string; note?: string }) =>
    post<LostCaseDto>(`/api/v1/relation-lost-cases/${id}/steps`, b),

  myTransfers: () => api<TransferDto[]>('/api/v1/me/relation-transfers'),
  requestTransfer: (b: { toOrgName: string; reason: string }) => post<TransferDto>('/api/v1/me/relation-transfers', b),
};

/** Today as YYYY-MM-DD in China time (form defaults only; the server decides with its clock). */
export const todayIso = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
