import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { users } from '../../db/schema/index.js';
import { seedDemo } from '../../seed/demo.js';

let env: TestEnv;
// The demo data seeded at the time the test seeds it: seeded once per run and cloned (harness), so the
// test's own seedDemo call finds it there and the assertions read the same rows.
beforeAll(async () => {
  env = await createTestEnv({ demoSeededAt: '2026-11-24T09:00:00+08:00' });
}, 180_000);

describe('relations demo seed', () => {
  it('gives the 东山综采一队 secretary letters, mobile members, a request and a lost-contact list', { timeout: 180_000 }, async () => {
    env.clock.set('2026-11-24T09:00:00+08:00');
    await seedDemo(env.db, env.ciphers, env.clock.now());
    const [u] = await env.db.select().from(users).where(eq(users.username, 'secretary'));
    const api = await env.as({ id: u.id, username: u.username });
    const letters = json<{ items: { number: string; isExpired: boolean; isReceiptOverdue: boolean; status: string }[] }>(
      await api.get('/api/v1/relation-letters'),
    );
    expect(letters.items.map((l) => [l.number, l.status, l.isExpired, l.isReceiptOverdue])).toEqual([
      ['2026-003', 'issued', false, false],
      ['2026-002', 'issued', true, true],
      ['2026-001', 'received', false, false],
    ]);
    expect(json<{ total: number }>(await api.get('/api/v1/relation-mobiles?direction=out')).total).toBe(2);
    expect(json<{ total: number }>(await api.get('/api/v1/relation-mobiles?direction=in')).total).toBe(1);
    expect(json<{ total: number }>(await api.get('/api/v1/relation-transfers?status=requested')).total).toBe(1);
    const lost = json<{ items: { stage: string }[]; unknown: number }>(await api.get('/api/v1/relation-lost'));
    expect(lost.items.map((i) => i.stage)).toEqual(['suspension', 'correction', 'correction']);
    expect(lost.unknown).toBe(0);
    // The next letter continues the committee's sequence.
    const [, , m] = json<{ items: { id: number }[] }>(await api.get('/api/v1/members?pageSize=50')).items.slice(-3);
    const next = await api.post('/api/v1/relation-letters', {
      memberId: m.id,
      addressee: '某组织部',
      toOrgName: '某单位',
      duesPaidTo: '2026-10',
      reason: '调离',
    });
    expect(json<{ number: string }>(next).number).toBe('2026-004');
  });
});
