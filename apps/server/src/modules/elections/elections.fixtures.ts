import { tellerContext } from '@vanguard/shared/elections/board';
import { keyShare, makeDealing, makeTellerKey, type TellerKey } from '@vanguard/shared/elections/tellers';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Caller, TestEnv } from '../../../test/harness.js';
import { json } from '../../../test/harness.js';
import { memberRecords, members } from '../../db/schema/index.js';

export type Org = { id: number; path: string; name: string };
export type Detail = {
  id: number;
  status: string;
  publicKey: string | null;
  candidates: { memberId: number; name: string; position: number }[];
  counts: { roll: number; entitled: number; present: number; quorumMet: boolean; votedOnline: number; votedPaper: number };
};
export const SURNAMES = ['王', '刘', '李', '张', '马', '丁', '赵', '陈', '周', '吴', '郑', '孙'];

/**
 * A branch under a committee with `voters` full members holding logins, plus a probationary member, a
 * suspended one and one under 留党察看 (all off the roll); the first three members are the tellers.
 */
export async function buildBranch(env: TestEnv, voters: number) {
  const committee = (await env.buildOrg({ kind: 'committee', category: 'leading' })) as Org;
  const branch = (await env.buildOrg({ parent: committee })) as Org;
  const people: { memberId: number; name: string; caller: Caller }[] = [];
  for (let i = 0; i < voters; i++) {
    const name = `${SURNAMES[i % SURNAMES.length]}${'一二三四五六七八九十'[Math.floor(i / SURNAMES.length) % 10]}`;
    const m = await env.buildMemberUser({ org: branch, name });
    people.push({ memberId: m.memberId, name, caller: await env.as(m.user) });
  }
  await env.buildMember({ org: branch, name: '预备甲', category: 'probationary' });
  const suspended = await env.buildMember({ org: branch, name: '停止乙' });
  await env.db.update(members).set({ status: 'suspended' }).where(eq(members.id, suspended.id));
  const penalised = await env.buildMember({ org: branch, name: '察看丙' });
  await env.db
    .insert(memberRecords)
    .values({ memberId: penalised.id, kind: 'penalty', title: '留党察看一年', startedOn: '2025-06-01', endedOn: '2026-06-01' });
  const secretary = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] }));
  const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: committee.id }] }));
  return { committee, branch, people, secretary, admin };
}

/** The tellers' key ceremony as three browsers run it: transport keys, dealings; returns each teller's key share. */
export async function ceremony(tellers: Caller[], electionId: number, cryptoId: string) {
  const ctx = tellerContext(cryptoId);
  const made = tellers.map((_, i) => makeTellerKey(ctx, i + 1));
  for (const [i, t] of tellers.entries())
    expect((await t.post(`/api/v1/my/elections/${electionId}/teller/key`, made[i].key)).statusCode).toBe(200);
  const keys: TellerKey[] = made.map((m) => m.key);
  for (const [i, t] of tellers.entries()) {
    const res = await t.post(`/api/v1/my/elections/${electionId}/teller/dealing`, makeDealing(ctx, i + 1, 2, keys));
    expect(res.statusCode, res.body).toBe(200);
  }
  const board = json<{ board: { kind: string; data: never }[] }>(await tellers[0].get(`/api/v1/my/elections/${electionId}/board`)).board;
  const dealings = board.filter((e) => e.kind === 'dealing').map((e) => e.data);
  return { ctx, x: made.map((m, i) => keyShare(ctx, i + 1, m.secret, dealings)) };
}
