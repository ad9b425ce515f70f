#!/usr/bin/env node
// npm start: build the web app if it is missing or stale, then run the server with demo data on
// the embedded PostgreSQL (unless DATABASE_URL is set). Ctrl-C stops the app and the database.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const webSrc = join(root, 'apps/web');
const dist = join(webSrc, 'dist/index.html');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = [join(webSrc, 'src'), join(webSrc, 'public'), join(root, 'packages/shared/src')].filter(existsSync);
const stale = !existsSync(dist) || Math.max(...sources.map(newest), statSync(join(webSrc, 'index.html')).mtimeMs) > statSync(dist).mtimeMs;
if (stale) {
  process.stdout.write('正在构建前端… / building the web app…\n');
  const r = spawnSync('npm', ['run', 'build', '-w', '@vanguard/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

process.stdout.write(`Node ${process.version} (${process.execPath})\n`);
const env = { VANGUARD_DEMO: 'true', LOG_LEVEL: 'warn', ...process.env };
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/server/src/main.ts')], { cwd: root, env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
