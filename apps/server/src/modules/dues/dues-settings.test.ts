import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { auditLog, settings } from '../../db/schema/index.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  env.clock.set('2026-07-15T10:00:00+08:00');
});

describe('dues settings: rounding and the remittance cycle, set by the group committee only', () => {
  it('a branch treasurer reads them and may not change them; the group committee changes them; new standards follow', async () => {
    const group = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const branch = await env.buildOrg({ parent: group });
    const groupAdmin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: group.id }] }));
    const treasurer = await env.as(await env.buildUser({ roles: [{ role: 'branch_committee', orgId: branch.id }] }));

    const read = json<{ rounding: string; remitEveryMonths: number; canEdit: boolean }>(await treasurer.get('/api/v1/dues/settings'));
    expect(read).toMatchObject({ rounding: 'fen', remitEveryMonths: 6, canEdit: false });
    const member = await env.as(await env.buildUser({ roles: [{ role: 'member', orgId: branch.id }] }));
    expect((await member.get('/api/v1/dues/settings')).statusCode).toBe(403);
    const refused = await treasurer.put('/api/v1/dues/settings', { rounding: 'jiao-up', remitEveryMonths: 3 });
    expect(refused.statusCode).toBe(403);
    expect(await env.db.select().from(settings).where(eq(settings.key, 'dues.rounding'))).toEqual([]);

    const bad = await groupAdmin.put('/api/v1/dues/settings', { rounding: 'jiao-up', remitEveryMonths: 5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('上缴周期应为 1、3、6 或 12 个月');
    expect(await env.db.select().from(settings).where(eq(settings.key, 'dues.rounding'))).toEqual([]);

    // 2,123.00 元 employed → 0.5 % = 10.615 元: to the fen 10.62, up to the jiao 10.70.
    const m1 = await env.buildMember({ org: branch });
    const before = await treasurer.post('/api/v1/dues/bases', {
      memberId: m1.id,
      fromMonth: '2026-01',
      category: 'employed',
      baseFen: 212_300,
    });
    expect(json(before).monthlyFen).toBe(1062);

    const ok = await groupAdmin.put('/api/v1/dues/settings', { rounding: 'jiao-up', remitEveryMonths: 3 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok)).toMatchObject({ rounding: 'jiao-up', remitEveryMonths: 3, canEdit: true });
    const [entry] = await env.db.select().from(auditLog).where(eq(auditLog.action, 'dues.settings.update'));
    expect(entry).toBeDefined();

    const m2 = await env.buildMember({ org: branch });
    const after = await treasurer.post('/api/v1/dues/bases', {
      memberId: m2.id,
      fromMonth: '2026-01',
      category: 'employed',
      baseFen: 212_300,
    });
    expect(json(after).monthlyFen).toBe(1070);
    const rem = json<{ everyMonths: number }>(await treasurer.get(`/api/v1/dues/remittance?orgId=${branch.id}&from=2026-01&to=2026-06`));
    expect(rem.everyMonths).toBe(3);
  });
});
