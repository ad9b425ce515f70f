import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine } from './ics.js';

describe('iCalendar text (RFC 5545)', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds at 75 octets without cutting a Chinese character (3 octets in UTF-8)', () => {
    const line = `SUMMARY:${'党'.repeat(40)}`; // 8 + 120 octets
    const parts = foldLine(line).split('\r\n');
    expect(parts.length).toBe(2);
    expect(Buffer.byteLength(parts[0])).toBeLessThanOrEqual(75);
    expect(Buffer.byteLength(parts[1])).toBeLessThanOrEqual(75);
    expect(parts[1].startsWith(' ')).toBe(true);
    expect(parts[0] + parts[1].slice(1)).toBe(line);
    expect(foldLine('A'.repeat(75))).toBe('A'.repeat(75));
    expect(foldLine('A'.repeat(76))).toBe(`${'A'.repeat(75)}\r\n A`);
  });

  it('times in Asia/Shanghai with its VTIMEZONE, deadlines as all-day dates, CRLF everywhere', () => {
    const ics = buildCalendar({
      name: '先锋·我的日程',
      stamp: new Date('2026-03-02T01:00:00Z'),
      events: [
        {
          uid: 'meeting-12@vanguard',
          title: '支委会, 三月',
          start: new Date('2026-03-05T07:00:00Z'),
          end: new Date('2026-03-05T09:00:00Z'),
          location: '三楼; 会议室',
        },
        { uid: 'dues-2026-03@vanguard', title: '党费缴纳截止', start: '2026-03-31' },
      ],
    });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '').includes('\n')).toBe(false);
    const lines = ics.split('\r\n');
    expect(lines).toContain('TZID:Asia/Shanghai');
    expect(lines).toContain('TZOFFSETTO:+0800');
    expect(lines).toContain('DTSTART;TZID=Asia/Shanghai:20260305T150000');
    expect(lines).toContain('DTEND;TZID=Asia/Shanghai:20260305T170000');
    expect(lines).toContain('DTSTAMP:20260302T010000Z');
    expect(lines).toContain('SUMMARY:支委会\\, 三月');
    expect(lines).toContain('LOCATION:三楼\\; 会议室');
    expect(lines).toContain('DTSTART;VALUE=DATE:20260331');
    expect(lines).toContain('DTEND;VALUE=DATE:20260401');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    for (const l of lines) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
  });
});
