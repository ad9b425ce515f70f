import { eq } from 'drizzle-orm';
import { beforeAll, describe } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, type TestEnv } from '../../../test/harness.js';
import { electionCandidates, elections } from '../../db/schema/index.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

/** A draft election of 3 seats in `org` with four full members (enough candidates). */
async function draft(e: TestEnv, org: { id: number; path: string }) {
  const ids = [];
  for (const name of ['丁一', '马二', '王三', '李四']) ids.push((await e.buildMember({ org, name })).id);
  const [row] = await e.db
    .insert(elections)
    .values({
      orgId: org.id,
      orgPath: org.path,
      title: '换届选举',
      seats: 3,
      rulesetVersion: 'cpc-2020',
      rollOn: '2026-03-01',
      tellerCount: 3,
      threshold: 2,
    })
    .returning({ id: elections.id });
  return { id: row.id, memberIds: ids };
}
const candidatesOf = async (e: TestEnv, r: Awaited<ReturnType<typeof draft>>) =>
  e.db.select({ m: electionCandidates.memberId }).from(electionCandidates).where(eq(electionCandidates.electionId, r.id));

describe('GET /api/v1/elections/:id', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: draft,
    request: (r) => ({ method: 'GET', url: `/api/v1/elections/${r.id}` }),
  });
});

describe('PUT /api/v1/elections/:id/candidates', () => {
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: draft,
    request: (r) => ({ method: 'PUT', url: `/api/v1/elections/${r.id}/candidates`, payload: { memberIds: r.memberIds } }),
    snapshot: candidatesOf,
  });
});

describe('GET /api/v1/elections/:id/results (sealed)', () => {
  // Even the own branch's secretary gets 403 before release: the matrix's 2xx rows expect it.
  authzMatrix(() => env, {
    role: 'branch_secretary',
    makeRecord: draft,
    request: (r) => ({ method: 'GET', url: `/api/v1/elections/${r.id}/results` }),
    okStatus: 403,
  });
});
