import { describe, expect, it } from 'vitest';
import { dbId, idParam, instant, intParam, isoDate, text, timestamp } from './fields.js';

describe('input fields (issue 15 item 4)', () => {
  it('a path id is plain decimal within int4', () => {
    expect(idParam().parse('1')).toBe(1);
    expect(idParam().parse('2147483647')).toBe(2147483647);
    for (const bad of ['2147483648', '9007199254740993', '0x21', '1e3', ' 1', '1 ', '+1', '01', '0', '-1', '1.5', ''])
      expect(idParam().safeParse(bad).success, bad).toBe(false);
    expect(intParam(1, 25).safeParse(' 1').success).toBe(false);
    expect(intParam(1, 25).parse('25')).toBe(25);
  });

  it('a body id is a positive int4', () => {
    expect(dbId().parse(2147483647)).toBe(2147483647);
    for (const bad of [2147483648, 2 ** 53 - 1, 0, -1, 1.5]) expect(dbId().safeParse(bad).success, String(bad)).toBe(false);
  });

  it('dates exist and fall in 1900–2200', () => {
    expect(isoDate.parse('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2026-02-30', '2025-02-29', '10000-01-01', '1899-12-31', '2201-01-01', '2026-13-01'])
      expect(isoDate.safeParse(bad).success, bad).toBe(false);
  });

  it('an instant without an offset is China time, never UTC; with one it is kept; year 10000 is refused', () => {
    expect(instant().parse('2026-03-02T09:00:00').toISOString()).toBe('2026-03-02T01:00:00.000Z');
    expect(instant().parse('2026-03-02 09:00').toISOString()).toBe('2026-03-02T01:00:00.000Z');
    expect(instant().parse('2026-03-02T09:00:00Z').toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(instant().parse('2026-03-02T09:00:00+0800').toISOString()).toBe('2026-03-02T01:00:00.000Z');
    for (const bad of ['10000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z', '2026-02-30T10:00:00', 'tomorrow', '2026-03-02T25:00:00', 1e300])
      expect(instant().safeParse(bad).success, String(bad)).toBe(false);
  });

  it('a timestamp on the wire must carry its offset', () => {
    expect(timestamp.safeParse('2026-03-02T09:00:00').success).toBe(false);
    expect(timestamp.safeParse('2026-03-02T09:00:00+08:00').success).toBe(true);
    expect(timestamp.safeParse('9999-03-02T09:00:00Z').success).toBe(false);
  });

  it('text refuses NUL and lone surrogates but keeps pairs', () => {
    expect(text().safeParse('党员😀').success).toBe(true);
    for (const bad of ['a\u0000b', '\ud800', 'x\udfffy', '\ud83d']) expect(text().safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});
