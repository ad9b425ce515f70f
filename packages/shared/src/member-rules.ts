import { idBirthDate, idSex, isValidIdNumber } from './id-number.js';

/** The facts about one member that must hold together, checked the same way by the form, the API and the import. */
export interface MemberFacts {
  name?: string;
  sex?: string;
  birthDate?: string;
  idNumber?: string | null;
  category?: string;
  appliedOn?: string | null;
  admittedOn?: string | null;
  fullOn?: string | null;
}

export interface FactProblem {
  path: keyof MemberFacts;
  message: string;
}

/** Whole years between two ISO dates. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * 身份证号 checksum and agreement with birth date and sex (GB 11643); application < admission <
 * full membership; at least 18 at admission (党章第一条); a full member has a full-membership date.
 */
export function checkMemberFacts(f: MemberFacts): FactProblem[] {
  const out: FactProblem[] = [];
  if (f.idNumber) {
    const id = f.idNumber.toUpperCase();
    if (!isValidIdNumber(id)) out.push({ path: 'idNumber', message: '身份证号无效（位数或校验位不对）' });
    else {
      const born = idBirthDate(id);
      if (!born) out.push({ path: 'idNumber', message: '身份证号中的出生日期不存在' });
      else if (f.birthDate && born !== f.birthDate)
        out.push({ path: 'birthDate', message: `出生日期与身份证号不一致（身份证为 ${born}）` });
      if (f.sex && idSex(id) !== f.sex) out.push({ path: 'sex', message: '性别与身份证号不一致' });
    }
  }
  const order: [keyof MemberFacts, string][] = [
    ['appliedOn', '申请入党日期'],
    ['admittedOn', '入党日期'],
    ['fullOn', '转正日期'],
  ];
  for (let i = 1; i < order.length; i++) {
    const [prevKey, prevLabel] = order[i - 1];
    const [key, label] = order[i];
    const prev = f[prevKey];
    const cur = f[key];
    if (prev && cur && !(prev < cur)) out.push({ path: key, message: `${label}必须晚于${prevLabel}` });
  }
  if (f.birthDate && f.admittedOn && ageOn(f.birthDate, f.admittedOn) < 18) {
    out.push({ path: 'admittedOn', message: '入党时须年满十八岁' });
  }
  if (f.category === 'full' && !f.fullOn) out.push({ path: 'fullOn', message: '正式党员须填写转正日期' });
  if (f.category === 'probationary' && f.fullOn) out.push({ path: 'fullOn', message: '预备党员不应有转正日期' });
  if (f.category === 'probationary' && !f.admittedOn) out.push({ path: 'admittedOn', message: '预备党员须填写入党日期' });
  return out;
}

/** 党龄: whole years since full membership (发展党员工作细则: 党龄从转正之日算起). */
export function partyAge(fullOn: string | null | undefined, today: string): number | null {
  return fullOn ? Math.max(0, ageOn(fullOn, today)) : null;
}

/** Fields a member may ask to correct; category, status, org and Party dates go through their own procedures. */
export const CORRECTABLE_FIELDS = [
  'name',
  'ethnicity',
  'nativePlace',
  'education',
  'degree',
  'post',
  'jobTitle',
  'phone',
  'address',
  'joinedWorkOn',
] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];
