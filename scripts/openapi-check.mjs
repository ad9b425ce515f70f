#!/usr/bin/env node
// The OpenAPI document as integrators get it (/api/docs/json): built in-process on a throwaway
// embedded PostgreSQL, linted with Redocly's recommended ruleset (redocly.yaml), turned into a typed
// client with openapi-typescript, and that client compiled with tsc. Any step failing fails the check;
// the files are then kept for a look. Usage: npm run openapi:check [-- --keep]
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'vg-openapi-'));
// As root the embedded cluster runs as the `postgres` user, which must traverse this folder.
chmodSync(dir, 0o711);
const spec = join(dir, 'openapi.json');
const types = join(dir, 'api.d.ts');
const bin = (name) => join(root, 'node_modules/.bin', name);

function step(title, cmd, args, env = process.env, clean = () => true) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, env, encoding: 'utf8' });
  const ok = r.status === 0 && clean(`${r.stdout}${r.stderr}`);
  process.stdout.write(`openapi: ${title} ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  if (!ok) {
    process.stdout.write(`${r.stdout ?? ''}${r.stderr ?? ''}${r.error ?? ''}\n`);
    process.stdout.write(`openapi: files kept in ${dir}\n`);
    process.exit(1);
  }
  return r.stdout;
}

// A database of its own (never DATABASE_URL: the document does not depend on the data).
const { DATABASE_URL: _ignored, ...base } = process.env;
step('document', bin('tsx'), ['apps/server/src/cli.ts', 'openapi', spec], {
  ...base,
  DATA_DIR: join(dir, 'data'),
  LOG_LEVEL: 'silent',
  READ_CACHE: 'false',
  NODE_ENV: 'test',
});
// Redocly exits 0 on warnings: lint-clean means none of those either.
step('redocly lint', bin('redocly'), ['lint', spec, '--max-problems', '1000'], process.env, (out) => !/You have \d+ warnings?/.test(out));
step('openapi-typescript', bin('openapi-typescript'), [spec, '--output', types]);

// The client an integrator would write against the generated types: it must compile.
writeFileSync(
  join(dir, 'client.ts'),
  `import type { components, operations, paths } from './api';
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Me = Json<paths['/api/v1/me']['get']['responses'][200]>;
type LoginBody = NonNullable<operations['postAuthLogin']['requestBody']>['content']['application/json'];
type Failure = components['schemas']['Error'];
export const me = (m: Me): string => m.username;
export const login = (b: LoginBody): LoginBody => b;
export const failed = (e: Failure): string => \`\${e.code}: \${e.message} (\${e.requestId})\`;
`,
);
writeFileSync(
  join(dir, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      types: [],
      skipLibCheck: false,
    },
    files: ['api.d.ts', 'client.ts'],
  }),
);
step('tsc on the generated client', bin('tsc'), ['-p', join(dir, 'tsconfig.json')]);

if (process.argv.includes('--keep')) process.stdout.write(`openapi: files kept in ${dir}\n`);
else rmSync(dir, { recursive: true, force: true });
process.stdout.write('openapi: the document lints clean and its typed client compiles\n');
