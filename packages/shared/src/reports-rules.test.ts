import { describe, expect, it } from 'vitest';
import { addWorkingDays } from './dates.js';
import {
  canMove,
  formatReceipt,
  normalizeReceipt,
  REPORT_RULESETS,
  reportDeadlines,
  reportExpiresOn,
  reportRulesetOn,
  suppressSmall,
} from './reports-rules.js';

const rs = REPORT_RULESETS[0];

describe('reports rules', () => {
  it('working days skip weekends', () => {
    expect(addWorkingDays('2026-03-02', 5)).toBe('2026-03-09'); // Mon → next Mon
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09'); // Fri → Mon
    expect(addWorkingDays('2026-03-07', 1)).toBe('2026-03-09'); // Sat → Mon
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('deadlines: accept within 5 working days; conclude 90 days after acceptance, once extended', () => {
    expect(reportDeadlines(rs, '2026-03-02', null, false)).toEqual({ acceptBy: '2026-03-09', concludeBy: null });
    expect(reportDeadlines(rs, '2026-03-02', '2026-03-04', false).concludeBy).toBe('2026-06-02');
    expect(reportDeadlines(rs, '2026-03-02', '2026-03-04', true).concludeBy).toBe('2026-07-02');
  });

  it('every limit names its source or says it is local practice', () => {
    for (const r of REPORT_RULESETS)
      for (const ref of [r.acceptRule, r.notifyRealNameRule, r.concludeRule, r.retentionRule])
        expect(ref.source !== null || ref.localPractice).toBe(true);
    expect(reportRulesetOn('2019-01-01').version).toBe(rs.version);
  });

  it('moves: 待受理 → 已受理 → 调查中 → 已办结 → 已归档; 不予受理 from 待受理; no way back', () => {
    expect(canMove('pending', 'accepted')).toBe(true);
    expect(canMove('pending', 'concluded')).toBe(true);
    expect(canMove('accepted', 'pending')).toBe(false);
    expect(canMove('concluded', 'archived')).toBe(true);
    expect(canMove('archived', 'concluded')).toBe(false);
  });

  it('retention: archived 5 years, declined 1 year, open reports never expire', () => {
    expect(reportExpiresOn(rs, 'archived', 'substantiated', '2026-03-02')).toBe('2031-03-01');
    expect(reportExpiresOn(rs, 'concluded', 'declined', '2026-03-02')).toBe('2027-03-02');
    expect(reportExpiresOn(rs, 'concluded', 'unfounded', '2026-03-02')).toBeNull();
    expect(reportExpiresOn(rs, 'investigating', null, '2026-03-02')).toBeNull();
  });

  it('receipts and small counts', () => {
    expect(normalizeReceipt('1234 5678-9012 3456')).toBe('1234567890123456');
    expect(formatReceipt('1234567890123456')).toBe('1234 5678 9012 3456');
    expect([0, 1, 2, 3, 10].map(suppressSmall)).toEqual(['<3', '<3', '<3', 3, 10]);
  });
});
