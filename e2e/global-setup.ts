import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = new URL('..', import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/**
 * Builds the web app, then starts the real server (main.ts) with demo data on a fresh embedded
 * PostgreSQL in a temp folder, exactly as `npm start` does, and waits for /api/health.
 */
export default async function setup(project: TestProject) {
  // Data and the web build in a folder of this run's own: runs in one checkout do not clobber each other.
  const dataDir = mkdtempSync(join(tmpdir(), 'vanguard-e2e-'));
  const webDist = join(dataDir, 'web');
  const build = spawnSync('npm', ['run', 'build', '-w', '@vanguard/web', '--', '--outDir', webDist, '--emptyOutDir'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('web build failed');
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/server/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      VANGUARD_DEMO: 'true',
      // Rule time is moved by the tests through /api/test/clock (a test that moves it resets it in afterAll).
      VANGUARD_TEST_CLOCK: 'true',
      DATA_DIR: dataDir,
      WEB_DIST: webDist,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  server.stdout?.on('data', (d) => {
    output += d;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`server did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  project.provide('baseUrl', baseUrl);

  return async () => {
    server.kill('SIGINT');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
