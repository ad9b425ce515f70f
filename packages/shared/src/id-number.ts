/** 公民身份号码 (GB 11643-1999): 6-digit area, 8-digit birth date, 3-digit sequence, check digit. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCheckDigit(first17: string): string {
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i], 0);
  return CHECK[sum % 11];
}

export function makeIdNumber(area: string, birthDate: string, seq: number, sex: '男' | '女'): string {
  // The 17th digit is odd for men, even for women.
  const s = seq % 500;
  const order = String(sex === '男' ? s * 2 + 1 : s * 2)
    .padStart(3, '0')
    .slice(-3);
  const first17 = `${area}${birthDate.replaceAll('-', '')}${order}`;
  return first17 + idCheckDigit(first17);
}

export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  return idCheckDigit(id.slice(0, 17)) === id[17];
}

/** The birth date (YYYY-MM-DD) encoded in an 18-digit ID number, or null when it is no real date. */
export function idBirthDate(id: string): string | null {
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** 男 when the 17th digit is odd. */
export const idSex = (id: string): '男' | '女' => (Number(id[16]) % 2 === 1 ? '男' : '女');
