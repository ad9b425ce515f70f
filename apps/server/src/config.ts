import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The only reader of process.env. Validated at boot; a bad value stops the start with a clear message. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.url().optional(),
  /**
   * The application role's connection (issue 15 item 1). DATABASE_URL is then the owner's, for
   * migrations and grants only. Without it, the owner creates `<database>_app` (needs CREATEROLE)
   * with a password kept in DATA_DIR/app-db-password.
   */
  DATABASE_APP_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  /** The built web app to serve (tests build into their own folder). */
  WEB_DIST: z.string().default(fileURLToPath(new URL('../../web/dist', import.meta.url))),
  /** Seed the fictional demo group on first start (npm start sets it). */
  VANGUARD_DEMO: z.stringbool().default(false),
  /** 64 hex chars (32 bytes). Without it, a key is generated once into DATA_DIR/master.key (0600). */
  MASTER_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'MASTER_KEY must be 64 hex characters (32 bytes)')
    .optional(),
  FIELD_CIPHER: z.enum(['aes-256-gcm', 'sm4']).default('aes-256-gcm'),
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(20),
  BODY_LIMIT_KB: z.coerce.number().int().min(16).max(10240).default(1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.stringbool().default(false),
  /** Cookie `Secure` flag; on by default in production. */
  COOKIE_SECURE: z.stringbool().optional(),
  /**
   * Kept reads (platform/cache.ts), exact through LISTEN vg_change. Off behind a pooler in
   * transaction mode, which does not deliver notifications; every read then goes to PostgreSQL.
   */
  READ_CACHE: z.stringbool().default(true),
  /** Who may read the API docs (/api/docs): `session` = signed-in users; default `public` in demo mode, else `session`. */
  API_DOCS: z.enum(['public', 'session']).optional(),
  /** Browser tests only: a settable clock and PUT/DELETE /api/test/clock. Ignored in production. */
  VANGUARD_TEST_CLOCK: z.stringbool().default(false),
  /** The bearer token of /api/metrics (Prometheus); unset, the route answers 404 (issue 17 item 7). */
  METRICS_TOKEN: z.string().min(16).optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  databaseUrl?: string;
  databaseAppUrl?: string;
  dataDir: string;
  demo: boolean;
  masterKey: Buffer;
  fieldCipher: 'aes-256-gcm' | 'sm4';
  maxUploadBytes: number;
  bodyLimitBytes: number;
  logLevel: string;
  trustProxy: boolean;
  cookieSecure: boolean;
  uploadDir: string;
  webDist: string;
  readCache: boolean;
  /** /api/docs open to anyone, or to signed-in users only (issue 15 item 10). */
  apiDocs: 'public' | 'session';
  /** VANGUARD_TEST_CLOCK and not production: rule time can be moved through /api/test/clock. */
  testClock: boolean;
  metricsToken?: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset (`DATABASE_URL= npm start` means "embedded").
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置有误 / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  if (e.NODE_ENV === 'production' && e.DATABASE_URL && !e.MASTER_KEY) {
    throw new ConfigError('MASTER_KEY is required in production with an external DATABASE_URL');
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databaseAppUrl: e.DATABASE_APP_URL,
    dataDir,
    demo: e.VANGUARD_DEMO,
    masterKey: e.MASTER_KEY ? Buffer.from(e.MASTER_KEY, 'hex') : localMasterKey(dataDir),
    fieldCipher: e.FIELD_CIPHER,
    maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
    bodyLimitBytes: e.BODY_LIMIT_KB * 1024,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE ?? e.NODE_ENV === 'production',
    uploadDir: join(dataDir, 'uploads'),
    webDist: resolve(e.WEB_DIST),
    readCache: e.READ_CACHE,
    apiDocs: e.API_DOCS ?? (e.VANGUARD_DEMO ? 'public' : 'session'),
    testClock: e.VANGUARD_TEST_CLOCK && e.NODE_ENV !== 'production',
    metricsToken: e.METRICS_TOKEN,
  };
}

/** Reads (or creates once) a 0600 key file: the embedded set-up needs no configuration. */
export function secretFile(path: string, make: () => string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o711 });
  const value = make();
  writeFileSync(path, `${value}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return value;
}

function localMasterKey(dataDir: string): Buffer {
  return Buffer.from(
    secretFile(join(dataDir, 'master.key'), () => randomBytes(32).toString('hex')),
    'hex',
  );
}
