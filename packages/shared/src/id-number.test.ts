import { describe, expect, it } from 'vitest';
import { idBirthDate, idSex, isValidIdNumber, makeIdNumber } from './id-number.js';

describe('公民身份号码 GB 11643', () => {
  it.each([
    ['11010519491231002X', true],
    ['110105194912310021', false],
    ['440524188001010014', true],
    ['44052418800101001', false],
    ['4405241880010100A4', false],
  ])('%s valid=%s', (id, ok) => expect(isValidIdNumber(id)).toBe(ok));

  it('reads the birth date and refuses impossible ones', () => {
    expect(idBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(idBirthDate('110105194902300021')).toBeNull();
  });

  it('makes valid numbers that agree with birth date and sex', () => {
    const id = makeIdNumber('140402', '1988-02-29', 7, '女');
    expect(isValidIdNumber(id)).toBe(true);
    expect(idBirthDate(id)).toBe('1988-02-29');
    expect(idSex(id)).toBe('女');
    expect(idSex(makeIdNumber('140402', '1988-02-29', 7, '男'))).toBe('男');
  });
});
