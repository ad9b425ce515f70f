import type { TFunction } from 'i18next';
import type { Answer, Option, QuestionType } from '../api/learning';

/** Question bank categories offered in the forms (the bank accepts others). */
export const CATEGORIES = ['安全生产', '党史', '廉政', '党章党规', '法律法规', '国情'];
export const TYPES: QuestionType[] = ['single', 'multiple', 'judge', 'fill', 'short'];

/** The right answer as a person reads it. */
export function answerText(a: Answer, options: Option[] = []): string {
  if ('keys' in a) return a.keys.map((k) => options.find((o) => o.key === k)?.text ?? k).join('、');
  if ('blanks' in a) return a.blanks.map((alts) => alts.join(' / ')).join('；');
  return a.reference;
}

/** A key built at run time (a code's label): the code values are the keys of learning.zh-CN. */
export const tx = (t: TFunction, key: string): string => t(key as never) as string;
