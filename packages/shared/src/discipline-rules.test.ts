import { describe, expect, it } from 'vitest';
import { effectOf, probationPeriod, withoutVoteOn } from './discipline-rules.js';

describe('留党察看: no vote from the decision day until the period ends', () => {
  it('one and two years from the decision day', () => {
    expect(probationPeriod('2025-03-10', 1)).toEqual({ from: '2025-03-10', until: '2026-03-10' });
    expect(probationPeriod('2024-02-29', 2)).toEqual({ from: '2024-02-29', until: '2026-02-28' });
  });
  it.each([
    ['2025-03-09', false],
    ['2025-03-10', true],
    ['2026-03-09', true],
    ['2026-03-10', false], // the period's end lifts the effect on its date
  ])('vote on %s → without vote: %s', (day, barred) => {
    expect(withoutVoteOn({ effect: 'no_vote', effectFrom: '2025-03-10', effectUntil: '2026-03-10' }, day)).toBe(barred);
  });
  it('only 留党察看 bars the vote; 开除党籍 ends membership', () => {
    expect(effectOf('probation')).toBe('no_vote');
    expect(effectOf('expulsion')).toBe('expelled');
    expect(effectOf('serious_warning')).toBe('none');
  });
});
