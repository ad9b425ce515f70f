import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness.js';

/**
 * Timings of the recruitment reads at 10,000 cases (not part of `npm test`):
 * `RECRUITMENT_MEASURE=1 npx vitest run apps/server/src/modules/recruitment/recruitment.measure.test.ts`
 * prints the mean of 10 sequential requests per route (ms). Note the load average next to the numbers.
 */
describe.runIf(process.env.RECRUITMENT_MEASURE)('recruitment timings', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });

  it('board timings with 10,000 cases in 200 branches', async () => {
    env.clock.set('2027-12-01T09:00:00+08:00');
    const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const branches = [];
    for (let i = 0; i < 200; i++) branches.push(await env.buildOrg({ parent: committee }));
    await env.db.execute(sql`
    INSERT INTO recruitment_cases (org_id, org_path, name, sex, birth_date, ruleset_version, last_step, applied_on, activist_on)
    SELECT o.id, o.path, '测试' || g, '男', '1998-01-01', '2014.1', 1 + (g % 24), '2024-01-10', CASE WHEN g % 24 >= 2 THEN '2024-03-01'::date END
    FROM generate_series(1, 10000) g JOIN orgs o ON o.id = (SELECT id FROM orgs WHERE parent_id = ${committee.id} ORDER BY id OFFSET (g % 200) LIMIT 1)`);
    await env.db.execute(sql`
    INSERT INTO recruitment_steps (case_id, step_no, done_on, confirmed_by, confirmed_at)
    SELECT c.id, s, '2024-01-10'::date + s * 10, 1, now() FROM recruitment_cases c, generate_series(1, 25) s WHERE s <= c.last_step`);
    await env.db.execute(sql`ANALYZE`);
    const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: committee.id }] }));
    const time = async (url: string) => {
      await admin.get(url);
      const t0 = performance.now();
      for (let i = 0; i < 10; i++) expect((await admin.get(url)).statusCode).toBe(200);
      return ((performance.now() - t0) / 10).toFixed(1);
    };
    const out = {
      board: await time(`/api/v1/recruitment/cases?orgId=${committee.id}`),
      boardStage3: await time(`/api/v1/recruitment/cases?orgId=${committee.id}&stage=3`),
      branchBoard: await time(`/api/v1/recruitment/cases?orgId=${branches[5].id}`),
      approvals: await time(`/api/v1/recruitment/approvals?orgId=${committee.id}`),
      plans: await time(`/api/v1/recruitment/plans?orgId=${committee.id}&year=2024`),
      export: await time(`/api/v1/recruitment/cases/export.xlsx?orgId=${committee.id}`),
    };
    console.log('MEASURE', JSON.stringify(out));
  }, 300_000);
});
