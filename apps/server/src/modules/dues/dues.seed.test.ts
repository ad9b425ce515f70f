import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness.js';
import { duesWithdrawalCases, orgs } from '../../db/schema/index.js';
import { seedDemo } from '../../seed/demo.js';
import { arrearsRows } from './dues-arrears.js';

let env: TestEnv;
// The demo data seeded at the time the test seeds it: seeded once per run and cloned (harness), so the
// test's own seedDemo call finds it there and the assertions read the same rows.
beforeAll(async () => {
  env = await createTestEnv({ demoSeededAt: '2026-11-24T09:00:00+08:00' });
}, 180_000);

describe('dues demo seed', () => {
  it('bills every month, balances, and leaves members 6 months or more behind with review cases', async () => {
    const now = new Date('2026-11-24T09:00:00+08:00');
    const t0 = Date.now();
    await seedDemo(env.db, env.ciphers, now);
    console.log(`demo seed ${Date.now() - t0} ms`);
    const [branch] = await env.db.select().from(orgs).where(eq(orgs.name, '东山综采一队党支部'));
    const { rows } = await arrearsRows(env.db, branch.path, now);
    // 1, 3, 5 and 6 months behind, and the three members the demo keeps out of contact (失联) since the first billed month.
    expect(rows.map((r) => r.monthsUnpaid).sort()).toEqual([1, 3, 5, 6, 8, 8, 8]);
    expect(await env.db.select().from(duesWithdrawalCases)).toHaveLength(4);
    const bal = await env.db.execute<{ bad: number }>(
      sql`SELECT count(*)::int AS bad FROM dues_bills WHERE (status = 'unpaid' AND paid_fen <> 0) OR (status = 'paid' AND paid_fen <> due_fen)`,
    );
    expect(bal.rows[0].bad).toBe(0);
  });
});
