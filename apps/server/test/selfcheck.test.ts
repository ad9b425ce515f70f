import { spawnSync } from 'node:child_process';
import { MASKING_POLICY, SECURITY_RULESET } from '@vanguard/shared';
import { describe, expect, it } from 'vitest';
import { createDb } from '../src/db/client.js';
import { urlAs } from '../src/db/roles.js';
import { anchorHead } from '../src/platform/audit/anchor.js';
import type { Runtime } from '../src/runtime.js';
import { securitySelfcheck } from '../src/selfcheck.js';
import { TEST_APP_ROLE } from './global-setup.js';
import { createTestEnv } from './harness.js';

/** `npm run security:selfcheck` (issue 15): the assessor's first questions, answered from the instance. */
describe('security:selfcheck', () => {
  it('prints the app role, its rights on the audit log, the keying and the last anchor, masking and lockout settings', async () => {
    const env = await createTestEnv();
    const root = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const admin = await env.buildUser({ roles: [{ role: 'org_admin', orgId: root.id }] });
    await (await env.as(admin)).patch(`/api/v1/orgs/${root.id}`, { name: '自检测试党委' });
    await anchorHead({ db: env.db, keys: env.ciphers.audit, dataDir: env.config.dataDir, now: () => env.clock.now(), log: () => {} });
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'security-selfcheck'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        DATABASE_URL: env.dbUrl,
        DATABASE_APP_URL: urlAs(env.dbUrl, TEST_APP_ROLE),
        DATA_DIR: env.config.dataDir,
        MASTER_KEY: env.config.masterKey.toString('hex'),
        NODE_ENV: 'test',
        PORT: '9',
      },
    });
    const out = r.stdout;
    expect(out).toContain(`应用连接角色 / app connects as: ${TEST_APP_ROLE.name}`);
    expect(out).toMatch(/✓ 应用角色是超级用户 \/ app role is superuser: 否 no/);
    expect(out).toMatch(/✓ 应用角色是 audit_log 属主 \/ app role owns audit_log: 否 no/);
    expect(out).toMatch(/✓ audit_log 权限 \/ privileges on audit_log: INSERT, SELECT\n/);
    expect(out).toMatch(/✓ 可设置 session_replication_role .*: 否 no/);
    expect(out).toMatch(/✓ 带密钥（HMAC）\/ keyed: 1\/1 行 rows/);
    expect(out).toMatch(/✓ 库外锚定 \/ anchored outside the database: 1 个锚点 anchors in .*audit-anchors.log; 最近 last: seq 1 \/ head 1/);
    expect(out).toMatch(/✓ 校验 \/ verification: 完整 OK/);
    expect(out).toContain('[脱敏策略 / masking policy]');
    expect(out).toContain(`idNumber: ${MASKING_POLICY.idNumber.zh}`);
    const { lockout, loginThrottle } = SECURITY_RULESET;
    expect(out).toContain(`${lockout.maxFailures} 次失败锁定 ${lockout.minutes} 分钟`);
    expect(out).toContain(`${loginThrottle.windowSeconds} 秒内超过 ${loginThrottle.maxAttempts} 次`);
    expect(out).toContain('自检通过 / all checks passed');
    expect(r.status).toBe(0);
  }, 60_000);

  it('fails, naming why, for an app connected as the owner (superuser)', async () => {
    const env = await createTestEnv();
    const db = createDb(env.dbUrl, 1);
    const lines: string[] = [];
    try {
      const runtime = { db } as unknown as Runtime;
      expect(await securitySelfcheck({ config: env.config, runtime, log: (m) => lines.push(m) })).toBe(false);
    } finally {
      await db.$client.end();
    }
    const out = lines.join('\n');
    expect(out).toMatch(/✗ 应用角色是超级用户 \/ app role is superuser: 是 yes/);
    expect(out).toMatch(/✗ audit_log 权限 \/ privileges on audit_log: INSERT, SELECT, UPDATE, DELETE, TRUNCATE/);
    expect(out).toMatch(/✗ 库外锚定/);
  });
});
