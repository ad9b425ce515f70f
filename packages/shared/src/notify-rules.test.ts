import { describe, expect, it } from 'vitest';
import { checkMessageParams, quietUntil, renderMessage, retryDelaySeconds } from './notify-rules.js';

describe('message parameters: only ids, names, titles, dates and counts', () => {
  it.each([
    [{ meetingId: 12, meetingTitle: '三月支委会', startsAt: '2026-03-02T01:00:00.000Z', dueOn: '2026-03-31', memberCount: 3 }, 0],
    [{ phone: '13800138000' }, 1],
    [{ idNumber: '110101199003071234' }, 1],
    [{ phoneName: '张三' }, 1],
    [{ salaryBaseCount: 3 }, 1],
    [{ memberName: '张三 13800138000' }, 1],
    [{ meetingTitle: '身份证 110101199003071234' }, 1],
    [{ memberName: '很长'.repeat(30) }, 1],
    [{ meetingId: '12' }, 1],
    [{ startsAt: '明天' }, 1],
    [{ dueOn: '2026-3-1' }, 1],
    [{ body: '任意文本' }, 1],
  ])('%j → %i problems', (params, n) => {
    expect(checkMessageParams(params)).toHaveLength(n);
  });
});

describe('renderMessage', () => {
  it('fills the template, instants in China time', () => {
    expect(
      renderMessage({
        code: 'meeting.invited',
        params: { orgName: '综采一队支部', meetingTitle: '三月支委会', startsAt: '2026-03-02T01:30:00.000Z' },
      }),
    ).toBe('【先锋】会议通知：综采一队支部「三月支委会」，2026-03-02 09:30 开始，请准时参加');
  });
});

describe('quiet hours (China time)', () => {
  const night = { start: '22:00', end: '07:00' };
  it.each([
    ['2026-03-02T21:59:00+08:00', null],
    ['2026-03-02T22:00:00+08:00', '2026-03-03T07:00:00+08:00'],
    ['2026-03-03T06:59:00+08:00', '2026-03-03T07:00:00+08:00'],
    ['2026-03-03T07:00:00+08:00', null],
    ['2026-03-02T23:30:00+08:00', '2026-03-03T07:00:00+08:00'],
  ])('%s → %s', (now, until) => {
    expect(quietUntil(new Date(now), night)?.getTime() ?? null).toBe(until ? new Date(until).getTime() : null);
  });
  it('a daytime window and an empty one', () => {
    expect(quietUntil(new Date('2026-03-02T12:30:00+08:00'), { start: '12:00', end: '14:00' })?.toISOString()).toBe(
      '2026-03-02T06:00:00.000Z',
    );
    expect(quietUntil(new Date('2026-03-02T12:30:00+08:00'), { start: '12:00', end: '12:00' })).toBeNull();
    expect(quietUntil(new Date('2026-03-02T12:30:00+08:00'), null)).toBeNull();
  });
});

describe('retry delays', () => {
  it('double from 30 s, capped at an hour', () => {
    expect([1, 2, 3, 4, 10].map(retryDelaySeconds)).toEqual([30, 60, 120, 240, 3600]);
  });
});
