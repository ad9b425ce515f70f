/**
 * RFC 5545 iCalendar text, written by hand (no library: China has one offset and no daylight saving,
 * so the one VTIMEZONE is fixed). Lines end in CRLF and are folded at 75 octets without cutting a
 * UTF-8 character; text values escape backslash, semicolon, comma and newlines (§3.3.11).
 */

export interface IcsEvent {
  uid: string;
  title: string;
  /** An instant, or a China day `YYYY-MM-DD` for an all-day entry (a deadline). */
  start: Date | string;
  /** Exclusive end; an all-day entry without one lasts its day. */
  end?: Date | string | null;
  location?: string | null;
  description?: string | null;
  url?: string | null;
}

export const TZID = 'Asia/Shanghai';
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TZID}`,
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'END:STANDARD',
  'END:VTIMEZONE',
];

export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line: at most 75 octets per line, continuation lines start with one space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let cur = '';
  let octets = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // a continuation line's leading space counts
    if (octets + n > limit) {
      out.push(cur);
      cur = '';
      octets = 0;
    }
    cur += ch;
    octets += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

const pad = (n: number) => String(n).padStart(2, '0');
/** UTC as `YYYYMMDDTHHMMSSZ` (DTSTAMP). */
const utc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
/** China wall time as `YYYYMMDDTHHMMSS` (with TZID=Asia/Shanghai). */
function local(d: Date): string {
  const c = new Date(d.getTime() + 8 * 3_600_000);
  return `${c.getUTCFullYear()}${pad(c.getUTCMonth() + 1)}${pad(c.getUTCDate())}T${pad(c.getUTCHours())}${pad(c.getUTCMinutes())}${pad(c.getUTCSeconds())}`;
}
const day = (s: string) => s.replace(/-/g, '');
const nextDay = (s: string) => new Date(Date.parse(`${s}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function when(prop: 'DTSTART' | 'DTEND', v: Date | string): string {
  return typeof v === 'string' ? `${prop};VALUE=DATE:${day(v)}` : `${prop};TZID=${TZID}:${local(v)}`;
}

/** A whole calendar. `stamp` is the DTSTAMP of every event (the time the feed was made). */
export function buildCalendar(o: { name: string; events: IcsEvent[]; stamp: Date }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Vanguard//Vanguard Calendar//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(o.name)}`,
    `X-WR-TIMEZONE:${TZID}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    ...VTIMEZONE,
  ];
  for (const e of o.events) {
    lines.push('BEGIN:VEVENT', `UID:${escapeText(e.uid)}`, `DTSTAMP:${utc(o.stamp)}`, when('DTSTART', e.start));
    const end = e.end ?? (typeof e.start === 'string' ? nextDay(e.start) : null);
    if (end) lines.push(when('DTEND', end));
    lines.push(`SUMMARY:${escapeText(e.title)}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
