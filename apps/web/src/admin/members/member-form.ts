import {
  checkMemberFacts,
  idBirthDate,
  idSex,
  isValidIdNumber,
  type MemberCategory,
  type MemberFacts,
  type MemberStatus,
} from '@vanguard/shared';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import type { Education, MemberDto, MemberInput, MemberLabel, MemberUpdateInput, Sex } from '../../api/member-types';
import { ID_NUMBER } from '../../lib/member-rules';

/** The form's own shape: dates as Dayjs (DatePicker), texts as typed. */
export interface MemberFormValues {
  orgId?: number;
  name?: string;
  sex?: Sex;
  ethnicity?: string;
  birthDate?: Dayjs | null;
  idNumber?: string;
  nativePlace?: string;
  education?: Education | null;
  degree?: string;
  post?: string;
  jobTitle?: string;
  phone?: string;
  address?: string;
  health?: string;
  category?: MemberCategory;
  status?: MemberStatus;
  appliedOn?: Dayjs | null;
  admittedOn?: Dayjs | null;
  fullOn?: Dayjs | null;
  joinedWorkOn?: Dayjs | null;
  labels?: MemberLabel[];
  reason?: string;
}

/** Fields the server masks: blank in an edit form unless the record was loaded unmasked. */
export const SENSITIVE = ['idNumber', 'phone', 'address', 'health'] as const;

const day = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);
const text = (s: string | undefined | null): string | null => {
  const v = s?.trim();
  return v ? v : null;
};
const toDay = (s: string | null): Dayjs | null => (s ? dayjs(s) : null);

/** A new member's defaults (汉族, 正常, 正式党员). */
export const emptyValues = (orgId?: number): MemberFormValues => ({
  orgId,
  ethnicity: '汉族',
  category: 'full',
  status: 'normal',
  labels: [],
});

export type SensitiveField = (typeof SENSITIVE)[number];

/** Sensitive fields that hold a value the form cannot show (masked): blank there means “keep”. */
export function maskedOnFile(m: MemberDto | undefined): ReadonlySet<SensitiveField | 'birthDate'> {
  if (!m || m.revealed) return new Set();
  const masked = new Set<SensitiveField | 'birthDate'>(SENSITIVE.filter((f) => m[f] !== null));
  // The masking policy hides the birth date where the ID number is masked: blank keeps it.
  if (m.birthDate === null) masked.add('birthDate');
  return masked;
}

/** The record as form values; masked sensitive fields are left blank (blank means “keep”). */
export function fromMember(m: MemberDto): MemberFormValues {
  const sensitive = (v: string | null) => (m.revealed ? (v ?? '') : '');
  return {
    orgId: m.orgId,
    name: m.name,
    sex: m.sex as Sex,
    ethnicity: m.ethnicity,
    birthDate: toDay(m.birthDate),
    idNumber: sensitive(m.idNumber),
    nativePlace: m.nativePlace ?? '',
    education: (m.education as Education | null) ?? null,
    degree: m.degree ?? '',
    post: m.post ?? '',
    jobTitle: m.jobTitle ?? '',
    phone: sensitive(m.phone),
    address: sensitive(m.address),
    health: sensitive(m.health),
    category: m.category as MemberCategory,
    status: m.status as MemberStatus,
    appliedOn: toDay(m.appliedOn),
    admittedOn: toDay(m.admittedOn),
    fullOn: toDay(m.fullOn),
    joinedWorkOn: toDay(m.joinedWorkOn),
    labels: m.labels as MemberLabel[],
  };
}

/** Form values → MemberCreateSchema: trimmed, empty as null, dates as YYYY-MM-DD, no 转正日期 for a probationary member. */
export function toInput(v: MemberFormValues): MemberInput {
  const category = v.category ?? 'full';
  return {
    orgId: v.orgId ?? 0,
    name: v.name?.trim() ?? '',
    sex: v.sex ?? '男',
    ethnicity: v.ethnicity?.trim() || '汉族',
    birthDate: day(v.birthDate) ?? '',
    idNumber: text(v.idNumber)?.toUpperCase() ?? null,
    nativePlace: text(v.nativePlace),
    education: v.education ?? null,
    degree: text(v.degree),
    post: text(v.post),
    jobTitle: text(v.jobTitle),
    phone: text(v.phone),
    address: text(v.address),
    health: text(v.health),
    category,
    status: v.status ?? 'normal',
    appliedOn: day(v.appliedOn),
    admittedOn: day(v.admittedOn),
    fullOn: category === 'probationary' ? null : day(v.fullOn),
    joinedWorkOn: day(v.joinedWorkOn),
    labels: v.labels ?? [],
  };
}

/**
 * The PATCH body: only what changed. A sensitive field that was masked is sent only when typed in
 * (blank keeps the stored value), so a masked value can never overwrite the real one.
 */
export function changesOf(initial: MemberFormValues, now: MemberFormValues, revealed: boolean): MemberUpdateInput {
  const { orgId: _a, ...before } = toInput(initial);
  const { orgId: _b, ...after } = toInput(now);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) {
    const was = (before as Record<string, unknown>)[k];
    if (JSON.stringify(v) === JSON.stringify(was)) continue;
    if (!revealed && (SENSITIVE as readonly string[]).includes(k) && v === null) continue;
    out[k] = v;
  }
  if (('category' in out || 'status' in out) && now.reason?.trim()) out.reason = now.reason.trim();
  return out as MemberUpdateInput;
}

/** The facts the shared rules check (ID number vs birth date and sex, date order, age at admission, category). */
function factsOf(form: FormInstance<MemberFormValues>): MemberFacts {
  const i = toInput(form.getFieldsValue(true));
  return {
    name: i.name,
    sex: i.sex,
    birthDate: i.birthDate || undefined,
    idNumber: i.idNumber,
    category: i.category,
    appliedOn: i.appliedOn,
    admittedOn: i.admittedOn,
    fullOn: i.fullOn,
  };
}

/** A rule showing, under this field, what checkMemberFacts (the server's own check) says about it. */
export const factsRule = (form: FormInstance<MemberFormValues>, path: keyof MemberFacts) => ({
  validator: async () => {
    const problem = checkMemberFacts(factsOf(form)).find((p) => p.path === path);
    if (problem) throw new Error(problem.message);
  },
});

export const idNumberRule = (t: TFunction) => ({
  validator: async (_: unknown, value: unknown) => {
    const v = typeof value === 'string' ? value.trim().toUpperCase() : '';
    if (!v) return;
    if (!ID_NUMBER.test(v)) throw new Error(t('memberForm.idNumberFormat'));
    if (!isValidIdNumber(v)) throw new Error(t('memberForm.idNumberInvalid'));
  },
});

/** Birth date and sex read from a valid ID number, for the fields still empty. */
export function fromIdNumber(id: string, v: MemberFormValues): Partial<MemberFormValues> | null {
  const n = id.trim().toUpperCase();
  if (!ID_NUMBER.test(n) || !isValidIdNumber(n)) return null;
  const born = idBirthDate(n);
  const out: Partial<MemberFormValues> = {};
  if (!v.birthDate && born) out.birthDate = dayjs(born);
  if (!v.sex) out.sex = idSex(n);
  return Object.keys(out).length ? out : null;
}
