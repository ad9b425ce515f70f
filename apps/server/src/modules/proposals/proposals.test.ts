import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, multipart, PNG, type TestEnv, type TestUser } from '../../../test/harness.js';
import { pointEntries, proposalReviews, proposalRewards, proposalSupports, proposals, todos, workers } from '../../db/schema/index.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  env.clock.set('2026-03-02T09:00:00+08:00');
});

type Org = { id: number; path: string; name?: string };
type Detail = {
  id: number;
  status: string;
  supportCount: number;
  scoreCents: number | null;
  proposerName: string;
  reviews: { total: number | null }[];
  rewardGrade: string | null;
  rewardFen: number | null;
  rewards: { id: number; amountFen: number; paidAt: string | null }[];
  milestones: { id: number }[];
  progress: number;
};
type Err = { code: string; message: string; details: { path: string; message: string }[] };

async function worker(org: Org, name: string): Promise<TestUser> {
  const u = await env.buildUser({ roles: [{ role: 'worker', orgId: org.id }], orgId: org.id });
  await env.db.insert(workers).values({ orgId: org.id, orgPath: org.path, userId: u.id, name, sex: '男' });
  return u;
}

const BODY = {
  category: 'safety',
  title: '皮带机头加装防护罩',
  problem: '皮带机头滚筒裸露，检修时易卷入',
  change: '加装可开启的防护罩并设联锁',
  expectedBenefit: '消除卷入隐患，减少停机',
  expectedBenefitFen: 2_000_000,
  place: '东山矿综采一队 3105 工作面',
};

async function insertProposal(org: Org, o: Partial<typeof proposals.$inferInsert> = {}) {
  const u = await env.buildUser({ orgId: org.id });
  const [p] = await env.db
    .insert(proposals)
    .values({ orgId: org.id, orgPath: org.path, proposerUserId: u.id, proposerName: '提出人', ...BODY, rulesetVersion: '2026.1', ...o })
    .returning();
  return p;
}
const row = async (id: number) => (await env.db.select().from(proposals).where(eq(proposals.id, id)))[0];

describe('a proposal from idea to paid reward', () => {
  it('submit on the phone, similar, support once, review, committee, adopt, implement, verify, pay, the board', async () => {
    const group = await env.buildOrg({ kind: 'committee', name: '集团' });
    const mine = await env.buildOrg({ parent: group, kind: 'committee', name: '东山矿党委' });
    const team = await env.buildOrg({ parent: mine, name: '综采一队党支部' });
    const otherMine = await env.buildOrg({ parent: group, kind: 'committee', name: '西山矿党委' });
    const wang = await worker(team, '王磊');
    const li = await worker(team, '李强');
    const zhao = await worker(team, '赵刚');
    const outsider = await worker(otherMine, '外矿');
    const r1 = await env.buildUser({ orgId: mine.id, roles: [{ role: 'member', orgId: mine.id }] });
    const r2 = await env.buildUser({ orgId: mine.id, roles: [{ role: 'member', orgId: mine.id }] });
    const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: mine.id }] }));
    const finance = await env.as(await env.buildUser({ roles: [{ role: 'benefit_verifier', orgId: mine.id }] }));
    // The routing table names li (a future co-proposer) first: he is skipped, r1 and r2 review.
    const route = await admin.put('/api/v1/proposal-routes', {
      orgId: mine.id,
      category: 'safety',
      reviewerUserIds: [li.id, r1.id, r2.id],
    });
    expect(route.statusCode, route.body).toBe(200);

    const w = await env.as(wang);
    const up = await w.inject({ method: 'POST', url: '/api/v1/files', ...multipart('file', PNG, 'image/png') });
    expect(up.statusCode, up.body).toBe(200);
    const pdf = await w.inject({
      method: 'POST',
      url: '/api/v1/files',
      ...multipart('file', Buffer.from('%PDF-1.4 x'), 'application/pdf'),
    });
    const notImage = await w.post('/api/v1/proposals', { ...BODY, photoIds: [json<{ id: string }>(pdf).id] });
    expect(notImage.statusCode).toBe(400);
    expect(json<Err>(notImage).details).toEqual([{ path: 'photoIds.0', message: '照片须为图片（JPG/PNG/WebP）' }]);
    expect(await env.db.select().from(proposals).where(eq(proposals.proposerUserId, wang.id))).toEqual([]);

    const res = await w.post('/api/v1/proposals', { ...BODY, photoIds: [json<{ id: string }>(up).id], coproposerUserIds: [li.id] });
    expect(res.statusCode, res.body).toBe(200);
    const id = json<Detail>(res).id;
    const reviews = await env.db.select().from(proposalReviews).where(eq(proposalReviews.proposalId, id));
    expect(reviews.map((r) => r.reviewerUserId).sort()).toEqual([r1.id, r2.id].sort());
    expect((await env.db.select().from(todos).where(eq(todos.userId, r1.id))).map((t) => t.title)).toEqual([
      `评审合理化建议：${BODY.title}`,
    ]);
    // A co-proposer named by hand is refused, nothing changes.
    const coReview = await admin.put(`/api/v1/proposals/${id}/reviewers`, { reviewerUserIds: [li.id] });
    expect(coReview.statusCode).toBe(400);
    expect(json<Err>(coReview).details[0]).toEqual({ path: 'reviewerUserIds.0', message: '提出人或联名人不能评审本建议（利益冲突）' });
    expect((await env.db.select().from(proposalReviews).where(eq(proposalReviews.proposalId, id))).length).toBe(2);

    // Similar proposals while typing, in the same mine only.
    const sim = json<{ items: { id: number }[] }>(
      await (await env.as(zhao)).get(`/api/v1/proposals/similar?q=${encodeURIComponent('皮带机头防护罩')}`),
    );
    expect(sim.items.map((s) => s.id)).toContain(id);
    expect(
      json<{ items: unknown[] }>(await (await env.as(outsider)).get(`/api/v1/proposals/similar?q=${encodeURIComponent('皮带机头防护罩')}`))
        .items,
    ).toEqual([]);
    expect((await (await env.as(outsider)).post(`/api/v1/proposal-board/${id}/support`)).statusCode).toBe(404);

    // Two colleagues support; a second support and one's own are refused.
    const z = await env.as(zhao);
    expect((await z.post(`/api/v1/proposal-board/${id}/support`)).statusCode).toBe(200);
    const again = await z.post(`/api/v1/proposal-board/${id}/support`);
    expect(again.statusCode).toBe(409);
    expect(json<Err>(again).message).toBe('您已支持过该建议（每人限一次）');
    expect(json<Err>(await w.post(`/api/v1/proposal-board/${id}/support`)).message).toBe('不能支持自己的建议');
    expect(json<Detail>(await (await env.as(li)).post(`/api/v1/proposal-board/${id}/support`)).supportCount).toBe(2);
    expect((await z.post(`/api/v1/proposal-board/${id}/comments`, { body: '很有必要' })).statusCode).toBe(200);

    // Reviewers score on the phone; a score above the criterion's maximum is refused.
    const tasks = async (u: TestUser) =>
      json<{ items: { id: number; proposalId: number }[] }>(await (await env.as(u)).get('/api/v1/my/proposal-reviews')).items;
    const t1 = (await tasks(r1)).find((t) => t.proposalId === id)?.id;
    const t2 = (await tasks(r2)).find((t) => t.proposalId === id)?.id;
    const over = await (await env.as(r1)).post(`/api/v1/my/proposal-reviews/${t1}/score`, {
      scores: { innovation: 31, feasibility: 20, benefit: 30 },
    });
    expect(over.statusCode).toBe(400);
    expect(json<Err>(over).details).toEqual([{ path: 'scores.innovation', message: '创新性得分应为 0–30 的整数' }]);
    expect(
      (
        await env.db
          .select()
          .from(proposalReviews)
          .where(eq(proposalReviews.id, t1 as number))
      )[0].scoredAt,
    ).toBeNull();
    expect(
      (await (await env.as(r2)).post(`/api/v1/my/proposal-reviews/${t1}/score`, { scores: { innovation: 1, feasibility: 1, benefit: 1 } }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await (
          await env.as(r1)
        ).post(`/api/v1/my/proposal-reviews/${t1}/score`, { scores: { innovation: 28, feasibility: 26, benefit: 30 } })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await (
          await env.as(r1)
        ).post(`/api/v1/my/proposal-reviews/${t1}/score`, { scores: { innovation: 28, feasibility: 26, benefit: 30 } })
      ).statusCode,
    ).toBe(409);
    const scored = json<Detail>(
      await (await env.as(r2)).post(`/api/v1/my/proposal-reviews/${t2}/score`, {
        scores: { innovation: 25, feasibility: 25, benefit: 27 },
      }),
    );
    // Mean (84 + 77) / 2 = 80.5 ≥ 80: the second-level committee.
    expect(scored.status).toBe('committee');
    expect(scored.scoreCents).toBe(8050);

    // Adoption: the committee's opinion is required; points for the proposers who are members (none here).
    const noNote = await admin.post(`/api/v1/proposals/${id}/decide`, { outcome: 'adopted' });
    expect(noNote.statusCode).toBe(400);
    expect(json<Err>(noNote).details[0].path).toBe('committeeNote');
    expect(
      (await admin.post(`/api/v1/proposals/${id}/decide`, { outcome: 'adopted', committeeNote: '同意采纳，列入季度技改' })).statusCode,
    ).toBe(200);
    const owner = await admin.post(`/api/v1/proposals/${id}/owner`, {
      ownerUserId: li.id,
      milestones: [{ title: '防护罩加工', dueOn: '2026-03-20' }],
    });
    expect(owner.statusCode, owner.body).toBe(200);
    expect((await env.db.select().from(todos).where(eq(todos.userId, li.id))).some((t) => t.title.includes('防护罩加工'))).toBe(true);

    // Verification before implementation is refused; the owner reports 100 % on the phone.
    expect(
      (await finance.post(`/api/v1/proposals/${id}/verify`, { benefitFen: 1_500_000, basis: '按停机时间减少测算，数据来自调度日报' }))
        .statusCode,
    ).toBe(409);
    const ms = json<Detail>(owner).milestones[0].id;
    const done = await (await env.as(li)).post(`/api/v1/my/proposals/${id}/progress`, { progress: 100, milestoneId: ms, note: '已安装' });
    expect(done.statusCode, done.body).toBe(200);
    expect(json<Detail>(done).status).toBe('implemented');

    // A benefit without a basis is refused, nothing written; with it, the reward from the table.
    const noBasis = await finance.post(`/api/v1/proposals/${id}/verify`, { benefitFen: 1_500_000, basis: '' });
    expect(noBasis.statusCode).toBe(400);
    expect(json<Err>(noBasis).details[0].path).toBe('basis');
    expect((await row(id)).verifiedAt).toBeNull();
    const verified = json<Detail>(
      await finance.post(`/api/v1/proposals/${id}/verify`, { benefitFen: 1_500_000, basis: '按停机时间减少测算，数据来自调度日报' }),
    );
    expect(verified.rewardGrade).toBe('三等奖');
    expect(verified.rewards.map((r) => r.amountFen)).toEqual([25_000, 25_000]);
    for (const r of verified.rewards)
      expect((await admin.post(`/api/v1/proposal-rewards/${r.id}/pay`, { voucher: `PZ-${r.id}` })).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/proposal-rewards/${verified.rewards[0].id}/pay`, { voucher: 'x' })).statusCode).toBe(409);
    expect((await env.db.select().from(proposalRewards).where(eq(proposalRewards.proposalId, id))).every((r) => r.paidAt)).toBe(true);

    // The public board shows it as 已实施 with the proposer's name.
    const boardRes = json<{ items: { id: number; statusName: string; proposerName: string }[] }>(
      await z.get('/api/v1/proposal-board?column=implemented'),
    );
    expect(boardRes.items.find((i) => i.id === id)).toMatchObject({
      statusName: '已实施',
      proposerName: wang.username ? expect.any(String) : '',
    });

    // Statistics and the Excel files.
    const stats = json<{
      rows: { orgName: string; proposals: number; implemented: number; verifiedFen: number; rewardsPaidFen: number; per100: number }[];
    }>(await admin.get(`/api/v1/proposal-stats?orgId=${mine.id}&year=2026`));
    expect(stats.rows.find((r) => r.orgName === '综采一队党支部')).toMatchObject({
      proposals: 1,
      implemented: 1,
      verifiedFen: 1_500_000,
      rewardsPaidFen: 50_000,
      per100: 33.33,
    });
    const xlsx = await admin.get(`/api/v1/proposal-stats.xlsx?orgId=${mine.id}&year=2026`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await admin.get(`/api/v1/proposal-rewards.xlsx?orgId=${mine.id}`)).statusCode).toBe(200);
  });

  it('a rejection needs its reason; adoption awards learning points to member proposers once', async () => {
    const branch = await env.buildOrg({ name: '积分支部' });
    const { memberId, user } = await env.buildMemberUser({ org: branch, name: '孙党员' });
    const p = await insertProposal(branch, { proposerUserId: user.id, status: 'scored' });
    const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: branch.id }] }));
    const bad = await admin.post(`/api/v1/proposals/${p.id}/decide`, { outcome: 'rejected' });
    expect(bad.statusCode).toBe(400);
    expect(json<Err>(bad).details).toEqual([{ path: 'reason', message: '不采纳须说明理由' }]);
    expect((await row(p.id)).status).toBe('scored');
    expect((await admin.post(`/api/v1/proposals/${p.id}/decide`, { outcome: 'partial', reason: '先在一个工作面试点' })).statusCode).toBe(
      200,
    );
    const pts = await env.db.select().from(pointEntries).where(eq(pointEntries.memberId, memberId));
    expect(pts.map((x) => [x.activity, x.points, x.sourceKey])).toEqual([['proposal', 5, `proposal:${p.id}:adopted:${memberId}`]]);
  });
});

describe('duplicate support under concurrency', () => {
  it('twelve simultaneous supports by one person count once; the rest are refused', async () => {
    const branch = await env.buildOrg();
    const p = await insertProposal(branch);
    const u = await env.as(await worker(branch, '并发'));
    const res = await Promise.all(Array.from({ length: 12 }, () => u.post(`/api/v1/proposal-board/${p.id}/support`)));
    expect(res.filter((r) => r.statusCode === 200).length).toBe(1);
    expect(res.filter((r) => r.statusCode === 409).length).toBe(11);
    expect((await env.db.select().from(proposalSupports).where(eq(proposalSupports.proposalId, p.id))).length).toBe(1);
    expect((await row(p.id)).supportCount).toBe(1);
  });
});

describe('authz matrices (console routes)', () => {
  const manageReq = (method: 'GET' | 'POST' | 'PUT', path: (id: number) => string, payload?: object) => (p: { id: number }) => ({
    method,
    url: path(p.id),
    ...(payload ? { payload } : {}),
  });
  const snap = async (e: TestEnv, p: { id: number }) => (await e.db.select().from(proposals).where(eq(proposals.id, p.id)))[0];
  describe('GET /api/v1/proposals/:id', () =>
    authzMatrix(() => env, {
      role: 'org_admin',
      makeRecord: (_e, org) => insertProposal(org),
      request: manageReq('GET', (id) => `/api/v1/proposals/${id}`),
    }));
  describe('POST /api/v1/proposals/:id/decide', () =>
    authzMatrix(() => env, {
      role: 'org_admin',
      makeRecord: (_e, org) => insertProposal(org, { status: 'scored' }),
      request: manageReq('POST', (id) => `/api/v1/proposals/${id}/decide`, { outcome: 'adopted' }),
      snapshot: snap,
    }));
  describe('PUT /api/v1/proposals/:id/reviewers', () =>
    authzMatrix(() => env, {
      role: 'org_admin',
      makeRecord: async (e, org) => ({ ...(await insertProposal(org)), reviewer: (await e.buildUser({ orgId: org.id })).id }),
      request: (p) => ({ method: 'PUT', url: `/api/v1/proposals/${p.id}/reviewers`, payload: { reviewerUserIds: [p.reviewer] } }),
      snapshot: async (e, p) => e.db.select().from(proposalReviews).where(eq(proposalReviews.proposalId, p.id)),
    }));
  describe('POST /api/v1/proposals/:id/owner', () =>
    authzMatrix<{ id: number; owner: number }>(() => env, {
      role: 'org_admin',
      makeRecord: async (e, org) => ({
        ...(await insertProposal(org, { status: 'adopted' })),
        owner: (await e.buildUser({ orgId: org.id })).id,
      }),
      request: (p) => ({ method: 'POST', url: `/api/v1/proposals/${p.id}/owner`, payload: { ownerUserId: p.owner } }),
      snapshot: snap,
    }));
  describe('POST /api/v1/proposals/:id/progress', () =>
    authzMatrix(() => env, {
      role: 'org_admin',
      makeRecord: (_e, org) => insertProposal(org, { status: 'adopted' }),
      request: manageReq('POST', (id) => `/api/v1/proposals/${id}/progress`, { progress: 50 }),
      snapshot: snap,
    }));
  describe('POST /api/v1/proposals/:id/verify', () =>
    authzMatrix(() => env, {
      role: 'benefit_verifier',
      makeRecord: (_e, org) => insertProposal(org, { status: 'implemented' }),
      request: manageReq('POST', (id) => `/api/v1/proposals/${id}/verify`, { benefitFen: 100, basis: '按材料消耗台账测算节约' }),
      snapshot: snap,
    }));
  describe('POST /api/v1/proposal-rewards/:id/pay', () =>
    authzMatrix(() => env, {
      role: 'org_admin',
      makeRecord: async (_e, org) => {
        const p = await insertProposal(org, { status: 'implemented' });
        const [r] = await env.db
          .insert(proposalRewards)
          .values({ proposalId: p.id, orgPath: org.path, userId: p.proposerUserId, name: '提出人', grade: '鼓励奖', amountFen: 10_000 })
          .returning();
        return r;
      },
      request: (r) => ({ method: 'POST', url: `/api/v1/proposal-rewards/${r.id}/pay`, payload: { voucher: 'PZ-1' } }),
      snapshot: async (e, r) => (await e.db.select().from(proposalRewards).where(eq(proposalRewards.id, r.id)))[0],
    }));
  const orgRoute = (path: string, method: 'GET' | 'PUT' = 'GET', payload?: (org: { id: number }) => object) =>
    describe(`${method} ${path}`, () =>
      authzMatrix(() => env, {
        role: 'org_admin',
        makeRecord: async (_e, org) => org,
        request: (org) => ({
          method,
          url: method === 'GET' ? `${path}?orgId=${org.id}&year=2026` : path,
          ...(payload ? { payload: payload(org) } : {}),
        }),
      }));
  orgRoute('/api/v1/proposals');
  orgRoute('/api/v1/proposal-routes');
  orgRoute('/api/v1/proposal-rewards');
  orgRoute('/api/v1/proposal-rewards.xlsx');
  orgRoute('/api/v1/proposal-stats');
  orgRoute('/api/v1/proposal-stats.xlsx');
  describe('PUT /api/v1/proposal-routes', () =>
    authzMatrix(() => env, {
      role: 'org_admin',
      makeRecord: async (e, org) => ({ org, reviewer: (await e.buildUser({ orgId: org.id })).id }),
      request: (x) => ({
        method: 'PUT',
        url: '/api/v1/proposal-routes',
        payload: { orgId: x.org.id, category: 'cost', reviewerUserIds: [x.reviewer] },
      }),
    }));
});
