import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { duesBills } from '../../db/schema/index.js';
import { generateMonthBills } from './dues-billing.jobs.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

const billsOf = (memberId: number) =>
  env.db
    .select({ month: duesBills.month, dueFen: duesBills.dueFen, status: duesBills.status })
    .from(duesBills)
    .where(eq(duesBills.memberId, memberId))
    .orderBy(duesBills.month);

describe('generateMonthBills (the scheduled monthly billing)', () => {
  it('bills the China-time month of the clock once, whatever the reruns; the next month at its start', async () => {
    env.clock.set('2026-07-10T10:00:00+08:00');
    const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const branch = await env.buildOrg({ parent: committee });
    const treasurerUser = await env.buildUser({ roles: [{ role: 'branch_committee', orgId: branch.id }] });
    const treasurer = await env.as(treasurerUser);
    const m = await env.buildMember({ org: branch });
    const res = await treasurer.post('/api/v1/dues/bases', {
      memberId: m.id,
      fromMonth: '2026-01',
      category: 'employed',
      baseFen: 400_000,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<{ monthlyFen: number }>(res).monthlyFen).toBe(4000);

    // 23:59 on 31 July in China is still July: nothing for August yet.
    env.clock.set('2026-07-31T23:59:00+08:00');
    await generateMonthBills(env.db, env.clock.now());
    expect((await billsOf(m.id)).map((b) => b.month)).toEqual(['2026-07-01']);

    // The first run of August creates its bill; reruns create nothing.
    env.clock.set('2026-08-01T00:05:00+08:00');
    expect(await generateMonthBills(env.db, env.clock.now())).toBeGreaterThanOrEqual(1);
    expect(await generateMonthBills(env.db, env.clock.now())).toBe(0);
    const bills = await billsOf(m.id);
    expect(bills.map((b) => b.month)).toEqual(['2026-07-01', '2026-08-01']);
    expect(bills[1]).toMatchObject({ dueFen: 4000, status: 'unpaid' });

    // The treasurer's button still works for corrections: the month exists, nothing new.
    const again = await (await env.as(treasurerUser)).post('/api/v1/dues/bills/generate', { orgId: branch.id, month: '2026-08' });
    expect(json<{ created: number; existing: number }>(again)).toMatchObject({ created: 0, existing: 1 });
    const [aug] = await env.db
      .select()
      .from(duesBills)
      .where(and(eq(duesBills.memberId, m.id), eq(duesBills.month, '2026-08-01')));
    expect(aug.orgId).toBe(branch.id);
  });
});
