/**
 * The masking policy (issue 15 item 2): one rule per kind of sensitive value, applied by one
 * function (`maskAs`) wherever a value is shown masked — member lists and details, exports,
 * corrections, relation letters and mobile contacts, terms and pioneer posts — so no two views
 * show different parts of one value. Audit rows hide these values entirely (`***`).
 *
 * Why these cuts: an ID number is 6 region digits + 8 birth-date digits + 3 sequence digits + a
 * check digit. Shown as 4+4 next to a clear birth date it left about ten candidates; shown as 6+4
 * (the old letter view) with the birth date, none. Now it shows 3+2 and, wherever it is masked, the
 * birth date is shown as an age only: about 10^5–10^6 candidates remain, and the exact-match
 * search that could confirm one is for holders of members:read-sensitive only, and audited.
 * Exported as data so `npm run security:selfcheck` prints it.
 */
export const MASKING_POLICY = {
  idNumber: { keepStart: 3, keepEnd: 2, zh: '身份证号：前 3 位与后 2 位，其余以 * 代替；出生日期同时只显示年龄' },
  phone: { keepStart: 3, keepEnd: 4, zh: '手机号：前 3 位与后 4 位（138****1234）' },
  address: { keepStart: 3, keepEnd: 0, zh: '住址：前 3 个字' },
  name: { keepStart: 1, keepEnd: 0, zh: '姓名（无权查看党员时）：只显示姓（张*）' },
  health: { keepStart: 0, keepEnd: 0, zh: '健康状况：全部隐藏' },
  salary: { keepStart: 0, keepEnd: 0, zh: '党费基数（工资）：全部隐藏；标准与比例可推算基数，见 docs/ARCHITECTURE.md' },
  birthDate: { keepStart: 0, keepEnd: 0, zh: '出生日期：身份证号被遮盖时不显示，只显示年龄' },
} as const satisfies Record<string, { keepStart: number; keepEnd: number; zh: string }>;

export type MaskKind = keyof typeof MASKING_POLICY;

/** Audit rows: these values never appear, masked or not (platform/audit). */
export const AUDIT_MASKING = 'hidden' as const;

/** The one masking function: keeps what the policy of `kind` keeps, the rest as `*` (a fully hidden kind as `***`). */
export function maskAs(kind: MaskKind, value: string | null | undefined): string | null {
  if (value == null) return null;
  const { keepStart, keepEnd } = MASKING_POLICY[kind];
  if (keepStart === 0 && keepEnd === 0) return value ? '***' : value;
  const chars = [...value];
  if (chars.length <= keepStart + keepEnd) return '*'.repeat(chars.length);
  const end = keepEnd > 0 ? chars.slice(-keepEnd).join('') : '';
  return chars.slice(0, keepStart).join('') + '*'.repeat(chars.length - keepStart - keepEnd) + end;
}
