import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Issue 15 item 9, on the real process: `main.ts` started as `npm start` starts it (embedded
 * PostgreSQL in its own DATA_DIR), killed with SIGKILL, started again; its PostgreSQL killed under
 * it. Every wait polls /api/health; nothing sleeps a fixed time.
 */
const root = new URL('../../..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'vg-crash-'));
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

interface App {
  proc: ChildProcess;
  port: number;
  out: () => string;
  exited: Promise<number | null>;
}

async function startApp(): Promise<App> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(proc);
  let out = '';
  proc.stdout?.on('data', (c) => {
    out += c;
  });
  proc.stderr?.on('data', (c) => {
    out += c;
  });
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return { proc, port, out: () => out, exited };
}

async function health(port: number): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(5000) })).status;
  } catch {
    return 0; // not listening
  }
}

/** Polls until `done` is true or the app exits; returns every status seen. */
async function pollHealth(app: App, done: (status: number) => boolean, timeoutMs = 90_000): Promise<number[]> {
  const seen: number[] = [];
  let gone = false;
  void app.exited.then(() => {
    gone = true;
  });
  const t0 = Date.now();
  for (;;) {
    const s = await health(app.port);
    seen.push(s);
    if (done(s)) return seen;
    if (gone) throw new Error(`the app exited:\n${app.out()}`);
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out; statuses ${seen.slice(-5)}; output:\n${app.out()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const postmasterPid = () => Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  try {
    const pid = postmasterPid();
    if (alive(pid)) process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  } catch {}
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the app after a crash', () => {
  it('starts again after SIGKILL (its orphaned PostgreSQL stopped), survives its PostgreSQL dying, and audit:verify runs beside it', async () => {
    const first = await startApp();
    await pollHealth(first, (s) => s === 200);
    const orphan = postmasterPid();
    first.proc.kill('SIGKILL');
    await first.exited;
    expect(alive(orphan)).toBe(true); // the postmaster outlives the app

    // A second start while the first's pid file names a live app would be refused; this one is dead.
    const second = await startApp();
    await pollHealth(second, (s) => s === 200);
    expect(alive(orphan)).toBe(false);
    expect(second.out()).not.toMatch(/failed to start/);

    // Another start on the same DATA_DIR while this one runs: refused with its reason, this one untouched.
    const third = await startApp();
    expect(await third.exited).toBe(1);
    expect(third.out()).toMatch(/另一个 Vanguard 进程（pid \d+）正在使用数据目录/);
    expect(await health(second.port)).toBe(200);

    // audit:verify attaches to the running cluster.
    const verify = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'audit-verify'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test', DATABASE_URL: '' },
    });
    expect(verify.stdout + verify.stderr).toMatch(/已连接正在运行的嵌入式 PostgreSQL/);
    expect(verify.stdout).toMatch(/完整 OK/);
    expect(verify.status).toBe(0);
    expect(await health(second.port)).toBe(200);

    // PostgreSQL killed under the app: 503 while it is down, never 500, then back by itself.
    const pg = postmasterPid();
    process.kill(pg, 'SIGKILL');
    const seen = await pollHealth(second, (s) => s === 503);
    const after = await pollHealth(second, (s) => s === 200);
    expect([...seen, ...after].filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(postmasterPid()).not.toBe(pg);
    // The pools reconnected: a route that reads the database answers as usual.
    const login = await fetch(`http://127.0.0.1:${second.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'nobody', password: 'Wrong-Passw0rd!' }),
    });
    expect(login.status).toBe(401);

    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    // A start that fails says why: here PostgreSQL's own complaint about its configuration.
    const conf = join(dataDir, 'pg', 'postgresql.conf');
    const saved = readFileSync(conf, 'utf8');
    appendFileSync(conf, '\nvanguard_no_such_setting_ = 1\n');
    try {
      const broken = await startApp();
      expect(await broken.exited).toBe(1);
      expect(broken.out()).toMatch(/启动失败 \/ failed to start: PostgreSQL 未能启动（退出码 1）[\s\S]*vanguard_no_such_setting_/);
      expect(broken.out()).not.toMatch(/failed to start: undefined/);
    } finally {
      writeFileSync(conf, saved);
    }
  }, 240_000);
});
