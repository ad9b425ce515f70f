import type { AgendaSchema } from '@vanguard/shared/api/home';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';

type Agenda = z.infer<typeof AgendaSchema>;
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

describe('GET /api/v1/home/agenda', () => {
  it("a secretary's month: meetings due and overdue from the compliance rules, dues to collect; worst first; each with its action", async () => {
    env.clock.set('2026-03-20T10:00:00+08:00');
    const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const branch = await env.buildOrg({ parent: committee, name: '综采队党支部' });
    const sec = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
    const m = await env.buildMember({ org: branch });
    const api = await env.as(sec);
    expect(
      (await api.post('/api/v1/dues/bases', { memberId: m.id, fromMonth: '2026-01', category: 'employed', baseFen: 400_000 })).statusCode,
    ).toBe(200);
    await api.post('/api/v1/dues/bills/generate', { orgId: branch.id, month: '2026-03' });
    const a = json<Agenda>(await (await env.as(sec)).get('/api/v1/home/agenda'));
    const life = a.groups.find((g) => g.key === 'life')?.items ?? [];
    // March's 支委会 is due; February's was never held (overdue, first); the year's 组织生活会 is to come.
    expect(life.map((i) => i.title)).toEqual(
      expect.arrayContaining([
        '2026-02 未召开支委会（或未填写会议记录），请补开并录入',
        '本月应召开支委会，尚未召开',
        '今年应召开组织生活会，尚未召开',
      ]),
    );
    expect(life[0].severity).toBe('danger');
    const due = life.find((i) => i.title === '本月应召开支委会，尚未召开');
    expect(due).toMatchObject({
      code: 'agenda.life.due',
      link: `/admin/life/meetings/new?orgId=${branch.id}&type=committee`,
      dueOn: '2026-03-31',
    });
    expect(due?.params).toMatchObject({ name: '支委会', periodKey: '2026-03' });
    const dues = a.groups.find((g) => g.key === 'dues')?.items ?? [];
    expect(dues.map((i) => i.title)).toContain('2026-03 党费未收齐：1 人未交，共 40.00 元');
    // Groups by their worst item.
    const rank = { danger: 0, warning: 1, info: 2 };
    const worst = a.groups.map((g) => Math.min(...g.items.map((i) => rank[i.severity])));
    expect(worst).toEqual([...worst].sort());
  });

  it("a member's own: the meeting ahead (opens on the phone), dues owed, points", async () => {
    env.clock.set('2026-03-20T10:00:00+08:00');
    const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const branch = await env.buildOrg({ parent: committee });
    const sec = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
    const { memberId, user } = await env.buildMemberUser({ org: branch, name: '李娜' });
    const api = await env.as(sec);
    await api.post('/api/v1/dues/bases', { memberId, fromMonth: '2026-01', category: 'employed', baseFen: 400_000 });
    await api.post('/api/v1/dues/bills/generate', { orgId: branch.id, month: '2026-02' });
    const plan = await api.post('/api/v1/life/meetings', {
      orgId: branch.id,
      type: 'theme_day',
      topic: '重温入党誓词',
      startsAt: '2026-03-25T14:30:00+08:00',
      place: '学习室',
      invite: { kind: 'members' },
    });
    const meetingId = json<{ id: number }>(plan).id;
    const a = json<Agenda>(await (await env.as(user)).get('/api/v1/home/agenda'));
    const items = (k: string) => a.groups.find((g) => g.key === k)?.items ?? [];
    expect(items('meetings')[0]).toMatchObject({ title: '主题党日：重温入党誓词', mobileLink: `/m/life/meetings/${meetingId}` });
    expect(items('dues')[0]).toMatchObject({ title: '待交党费 1 个月，共 40.00 元', severity: 'warning', mobileLink: '/m/dues' });
    expect(items('points')[0].title).toBe('今年积分 0 分，本月 0 分');
    // Not a secretary: no branch obligations.
    expect(a.groups.map((g) => g.key)).not.toContain('life');
  });
});
