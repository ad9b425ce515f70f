import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { duesWithdrawalCases, memberStatusHistory, members, todos } from '../../db/schema/index.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  env.clock.set('2026-07-15T10:00:00+08:00');
});

/** A branch, its secretary, a member with an open 自行脱党 review case and its to-do. */
async function openCase() {
  const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
  const branch = await env.buildOrg({ parent: committee });
  const secretary = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
  const m = await env.buildMember({ org: branch, name: '赵强' });
  const [c] = await env.db
    .insert(duesWithdrawalCases)
    .values({ memberId: m.id, orgId: branch.id, orgPath: branch.path, sinceMonth: '2026-01-01', monthsUnpaid: 6 })
    .returning();
  await env.db.insert(todos).values({
    userId: secretary.id,
    orgId: branch.id,
    kind: 'todo',
    severity: 'danger',
    title: 'review',
    sourceKey: `dues:arrears:${m.id}:2026-01:withdrawal`,
  });
  return { api: await env.as(secretary), member: m, caseId: c.id, secretary };
}

const caseRow = async (id: number) => (await env.db.select().from(duesWithdrawalCases).where(eq(duesWithdrawalCases.id, id)))[0];
const memberRow = async (id: number) => (await env.db.select().from(members).where(eq(members.id, id)))[0];

describe('POST /api/v1/dues/cases/:id/resolve', () => {
  it('continued: closes the case, the member keeps membership, the review to-do is done', async () => {
    const { api, member, caseId, secretary } = await openCase();
    const res = await api.post(`/api/v1/dues/cases/${caseId}/resolve`, { outcome: 'continued', resolution: '因伤住院，已补交' });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<{ status: string; outcome: string; decidedOn: string }>(res)).toMatchObject({
      status: 'closed',
      outcome: 'continued',
      decidedOn: '2026-07-15',
    });
    expect((await memberRow(member.id)).status).toBe('normal');
    const [todo] = await env.db.select().from(todos).where(eq(todos.userId, secretary.id));
    expect(todo.doneAt).not.toBeNull();
  });

  it('removed: needs the branch meeting decision and the approval above; then the member is 出党 with a history row', async () => {
    const { api, member, caseId } = await openCase();
    const bare = await api.post(`/api/v1/dues/cases/${caseId}/resolve`, { outcome: 'removed', resolution: '无正当理由' });
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain('approval');
    expect((await caseRow(caseId)).status).toBe('open');
    expect((await memberRow(member.id)).status).toBe('normal');

    const future = await api.post(`/api/v1/dues/cases/${caseId}/resolve`, {
      outcome: 'removed',
      resolution: '无正当理由',
      approval: '支部大会决定，党委批准',
      decidedOn: '2026-07-16',
    });
    expect(future.statusCode).toBe(400);

    const res = await api.post(`/api/v1/dues/cases/${caseId}/resolve`, {
      outcome: 'removed',
      resolution: '经谈话教育仍拒不交纳，无正当理由',
      approval: '2026-07-10 支部大会讨论决定，2026-07-14 矿党委批准（矿党发〔2026〕12号）',
      decidedOn: '2026-07-14',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await memberRow(member.id)).status).toBe('left');
    const history = await env.db
      .select()
      .from(memberStatusHistory)
      .where(and(eq(memberStatusHistory.memberId, member.id), eq(memberStatusHistory.field, 'status')));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ fromValue: 'normal', toValue: 'left', effectiveOn: '2026-07-14' });
    expect(history[0].reason).toContain('自行脱党');

    const again = await api.post(`/api/v1/dues/cases/${caseId}/resolve`, { outcome: 'continued', resolution: '重复提交' });
    expect(again.statusCode).toBe(409);
    expect((await memberRow(member.id)).status).toBe('left');
  });
});
