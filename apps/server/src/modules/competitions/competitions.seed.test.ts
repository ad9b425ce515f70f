import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness.js';
import { users } from '../../db/schema/index.js';
import { seedDemo } from '../../seed/demo.js';

let env: TestEnv;
// The demo data seeded at the time the test seeds it: seeded once per run and cloned (harness), so the
// test's own seedDemo call finds it there and the assertions read the same rows.
beforeAll(async () => {
  env = await createTestEnv({ demoSeededAt: '2026-03-02T09:00:00+08:00' });
}, 180_000);

type Row = { id: number; title: string; kind: string; status: string; players: number };
type Board = { players: { rank: number; correct: number }[]; branches: { branchName: string }[] };

describe('competitions demo seed', () => {
  it('a finished live quiz with a ranking, an open challenge the phones can take, a third phone login', async () => {
    const now = new Date('2026-03-02T09:00:00+08:00');
    env.clock.set(now);
    await seedDemo(env.db, env.ciphers, now);
    const login = async (username: string) => {
      const [u] = await env.db.select().from(users).where(eq(users.username, username));
      return env.as(u);
    };
    const host = await login('mineadmin');
    const list = (await host.get('/api/v1/competitions')).json() as { items: Row[] };
    const live = list.items.find((c) => c.kind === 'live') as Row;
    const challenge = list.items.find((c) => c.kind === 'challenge') as Row;
    expect(live).toMatchObject({ status: 'finished', players: 24 });
    expect(challenge).toMatchObject({ status: 'open' });
    const board = (await host.get(`/api/v1/competitions/${live.id}/leaderboard`)).json() as Board;
    expect(board.players).toHaveLength(24);
    expect(board.players[0].rank).toBe(1);
    expect(board.players[0].correct).toBeGreaterThanOrEqual(board.players[23].correct);
    expect(board.branches.length).toBeGreaterThan(1);
    const cb = (await host.get(`/api/v1/competitions/${challenge.id}/leaderboard`)).json() as Board;
    expect(cb.players.length).toBeGreaterThan(4);

    for (const phone of ['member', 'member2', 'member3']) {
      const api = await login(phone);
      const mine = (await api.get('/api/v1/competitions/my')).json() as { id: number; submitted: boolean }[];
      expect(mine.find((c) => c.id === challenge.id)).toMatchObject({ submitted: false });
      expect((await api.post(`/api/v1/competitions/my/${challenge.id}/start`)).statusCode).toBe(200);
    }
  });
});
