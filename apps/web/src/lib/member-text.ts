import {
  EDUCATIONS,
  MEMBER_CATEGORIES,
  MEMBER_LABELS,
  MEMBER_STATUSES,
  type MemberCategory,
  type MemberStatus,
  SEXES,
} from '@vanguard/shared';
import type { TFunction } from 'i18next';
import type { Education, MemberLabel, Sex } from '../api/member-types';
import { zhCN } from '../i18n/zh-CN';

/*
 * Member codes and the Chinese values the archive stores (sex, education, labels) shown in the
 * UI language. Anything unknown (old data, a value added on the server first) is shown as sent.
 */
const isIn = <T extends string>(list: readonly string[], v: string): v is T => list.includes(v);

export const categoryText = (t: TFunction, code: string): string =>
  isIn<MemberCategory>(Object.keys(MEMBER_CATEGORIES), code) ? t(`members.categories.${code}`) : code;

export const statusText = (t: TFunction, code: string): string =>
  isIn<MemberStatus>(Object.keys(MEMBER_STATUSES), code) ? t(`members.statuses.${code}`) : code;

export const sexText = (t: TFunction, v: string): string => (isIn<Sex>(SEXES, v) ? t(`members.sexes.${v}`) : v);

export const educationText = (t: TFunction, v: string | null): string =>
  v === null ? '' : isIn<Education>(EDUCATIONS, v) ? t(`members.educations.${v}`) : v;

export const labelText = (t: TFunction, v: string): string => (isIn<MemberLabel>(MEMBER_LABELS, v) ? t(`members.labelNames.${v}`) : v);

export const CATEGORY_CODES = Object.keys(MEMBER_CATEGORIES) as MemberCategory[];
export const STATUS_CODES = Object.keys(MEMBER_STATUSES) as MemberStatus[];

/** One field's value as shown in a correction (education translated, empty as a dash). */
export function fieldValueText(t: TFunction, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const s = String(value);
  return field === 'education' ? educationText(t, s) : s;
}

type FieldKey = keyof typeof zhCN.members.fields;
const FIELD_KEYS = Object.keys(zhCN.members.fields);

/** A member field's name in the UI language (a field the UI does not know is shown by its code). */
export const fieldLabel = (t: TFunction, field: string): string =>
  isIn<FieldKey>(FIELD_KEYS, field) ? t(`members.fields.${field}`) : field;
