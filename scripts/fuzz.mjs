#!/usr/bin/env node
// `npm run fuzz -- [--runs N] [--seed N] [--route text]`: the route fuzzer (apps/server/test/fuzz.test.ts)
// with more cases than CI's 50 a route, another seed, or one route (a substring of "METHOD /url").
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const env = { ...process.env };
if (opt('runs')) env.VG_FUZZ_RUNS = opt('runs');
if (opt('seed')) env.VG_FUZZ_SEED = opt('seed');
if (opt('route')) env.VG_FUZZ_ROUTE = opt('route');
const r = spawnSync('npx', ['vitest', 'run', 'apps/server/test/fuzz.test.ts'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
