import { eq } from 'drizzle-orm';
import type { TestEnv, TestUser } from '../../../test/harness.js';
import { TEST_PASSWORD } from '../../../test/harness.js';
import { users } from '../../db/schema/index.js';
import { createChannel, createHandlerKey } from './reports.seed.js';

/** A group 纪委 with two handlers (keys under the test password) and the safety channel. */
export async function buildReportsSetup(env: TestEnv, names: [string, string] = ['纪委 张建国', '纪委 李清风']) {
  const group = await env.buildOrg({ kind: 'committee', category: 'leading' });
  const mine = await env.buildOrg({ parent: group, kind: 'committee', category: 'leading' });
  const h: TestUser[] = [];
  for (const name of names) {
    const u = await env.buildUser({ roles: [{ role: 'discipline_handler', orgId: group.id }] });
    await env.db.update(users).set({ displayName: name }).where(eq(users.id, u.id));
    await createHandlerKey(env.db, u.id, TEST_PASSWORD);
    h.push(u);
  }
  const ch = await createChannel(env.db, {
    code: `safety-${group.id}`,
    org: group,
    handlers: h.map((u) => u.id),
    rewardEnabled: true,
    name: '安全隐患举报',
  });
  return { group, mine, handlers: h, channelId: ch.id };
}
