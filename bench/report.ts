/** The results as markdown: the machine, then one row per scenario and connection count. */
import { cpus, loadavg, totalmem } from 'node:os';
import type { LoadResult } from './load.js';

export interface Row {
  scenario: string;
  connections: number;
  result: LoadResult;
  /** Requests per second of the bare Fastify baseline at the same connection count. */
  helloPerSec?: number;
}

export interface RunInfo {
  database: string;
  members: number;
  orgs: number;
  seconds: number;
  /** One-minute load averages at the start and the end (other work on the machine skews results). */
  loadBefore: number;
  loadAfter: number;
}

export function machineLines(info: RunInfo, date: Date): string[] {
  const cpu = cpus();
  return [
    `- date: ${date.toISOString()}`,
    `- CPU: ${cpu[0]?.model.trim() ?? 'unknown'}, ${cpu.length} cores; RAM ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- Node ${process.version}; ${info.database}`,
    `- data: ${info.members.toLocaleString('en-US')} members in ${info.orgs.toLocaleString('en-US')} orgs`,
    `- ${info.seconds} s per measurement after a 1 s warm-up; load generator (autocannon) in a child process on the same machine`,
    `- 1-minute load average: ${info.loadBefore.toFixed(2)} before the run, ${info.loadAfter.toFixed(2)} after`,
  ];
}

export const currentLoad = () => loadavg()[0];

export const ms = (v: number | null) => (v === null ? '–' : v < 10 ? v.toFixed(2) : v.toFixed(1));
/** Two significant digits below 0.1, so login's tiny share does not print as 0.000. */
const share = (v: number) => (v >= 0.1 ? v.toFixed(2) : v.toPrecision(2));
const perSec = (v: number) => (v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US'));

export function table(rows: Row[]): string[] {
  const out = ['| scenario | connections | req/s | p50 ms | p99 ms | ratio to hello |', '|---|---:|---:|---:|---:|---:|'];
  for (const { scenario, connections, result: r, helloPerSec } of rows) {
    const ratio = helloPerSec ? share(r.requestsPerSec / helloPerSec) : '–';
    const bad = r.non2xx || r.errors || r.timeouts ? ' ⚠' : '';
    out.push(`| ${scenario}${bad} | ${connections} | ${perSec(r.requestsPerSec)} | ${ms(r.p50)} | ${ms(r.p99)} | ${ratio} |`);
  }
  return out;
}

/** Lines describing rows that had non-2xx answers, errors or timeouts (empty when all were clean). */
export function problems(rows: Row[]): string[] {
  return rows
    .filter(({ result: r }) => r.non2xx || r.errors || r.timeouts)
    .map(({ scenario, connections, result: r }) => {
      const codes = Object.entries(r.statusCodes)
        .map(([code, n]) => `${code}×${n}`)
        .join(', ');
      const err = r.firstError ? `; first error: ${r.firstError}` : '';
      return `- ${scenario} @${connections}: non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts} (status ${codes})${err}`;
    });
}
