import { describe, expect, it } from 'vitest';
import { makeIdNumber } from './id-number.js';
import { ageOn, checkMemberFacts, partyAge } from './member-rules.js';

const id = makeIdNumber('140402', '1990-05-20', 3, '男');
const ok = {
  name: '张伟',
  sex: '男',
  birthDate: '1990-05-20',
  idNumber: id,
  category: 'full',
  appliedOn: '2012-03-01',
  admittedOn: '2013-07-01',
  fullOn: '2014-07-01',
};
const paths = (f: object) => checkMemberFacts({ ...ok, ...f }).map((p) => p.path);

describe('member facts', () => {
  it('a consistent record passes', () => expect(checkMemberFacts(ok)).toEqual([]));
  it('ID checksum', () => expect(paths({ idNumber: `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}` })).toEqual(['idNumber']));
  it('birth date and sex must agree with the ID number', () => {
    expect(paths({ birthDate: '1990-05-21' })).toEqual(['birthDate']);
    expect(paths({ sex: '女' })).toEqual(['sex']);
  });
  it('dates in order: application < admission < full membership (equal is refused)', () => {
    expect(paths({ admittedOn: '2012-03-01' })).toEqual(['admittedOn']);
    expect(paths({ fullOn: '2013-07-01' })).toEqual(['fullOn']);
  });
  it('18 at admission: the day before the birthday is refused, the birthday passes', () => {
    expect(paths({ admittedOn: '2008-05-19', appliedOn: '2007-01-01', fullOn: '2009-05-19' })).toEqual(['admittedOn']);
    expect(paths({ admittedOn: '2008-05-20', appliedOn: '2007-01-01', fullOn: '2009-05-20' })).toEqual([]);
  });
  it('category and dates agree', () => {
    expect(paths({ fullOn: null })).toEqual(['fullOn']);
    expect(paths({ category: 'probationary' })).toEqual(['fullOn']);
  });
  it('ages and party age', () => {
    expect(ageOn('1990-05-20', '2026-05-19')).toBe(35);
    expect(ageOn('1990-05-20', '2026-05-20')).toBe(36);
    expect(partyAge('2014-07-01', '2026-06-30')).toBe(11);
    expect(partyAge(null, '2026-06-30')).toBeNull();
  });
});
