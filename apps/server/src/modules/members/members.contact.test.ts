import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness.js';
import { auditLog, members } from '../../db/schema/index.js';
import { mobilesOfUsers } from './index.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

describe('mobilesOfUsers (the SMS channel’s addresses)', () => {
  it('decrypts the linked members’ numbers, skips those without one, and audits the read', async () => {
    const org = await env.buildOrg();
    const a = await env.buildMemberUser({ org });
    const b = await env.buildMemberUser({ org });
    const stranger = await env.buildUser({ orgId: org.id });
    await env.db
      .update(members)
      .set({ phoneEnc: env.ciphers.members.encrypt('13800138000') })
      .where(eq(members.id, a.memberId));
    const got = await mobilesOfUsers(env.db, env.ciphers, [a.user.id, b.user.id, stranger.id], env.clock.now());
    expect([...got]).toEqual([[a.user.id, '13800138000']]);
    const rows = await env.db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'members.phone.read'), eq(auditLog.requestId, 'notify.sms')));
    expect(rows.map((r) => r.after)).toEqual([{ purpose: 'notify.sms', memberIds: [a.memberId] }]);
  });
});
