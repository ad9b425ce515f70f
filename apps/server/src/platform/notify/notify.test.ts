import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authzMatrix } from '../../../test/authz.js';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { type StubServer, startStubServer } from '../../../test/stub-server.js';
import { notifyDeliveries, notifyProviders, todos } from '../../db/schema/index.js';
import { dispatchDue, notify } from './index.js';

let env: TestEnv;
let stub: StubServer;
beforeAll(async () => {
  env = await createTestEnv();
  stub = await startStubServer();
});
afterAll(async () => {
  await stub.close();
});

const dispatch = (addressOf?: Parameters<typeof dispatchDue>[0]['addressOf']) =>
  dispatchDue({ db: env.db, now: () => env.clock.now(), ciphers: env.ciphers, addressOf });

/** A branch with people and a channel serving it (created through the API, as the security administrator does). */
async function branchWithChannel(path: string, o: { kind?: string; timeoutMs?: number } = {}) {
  const root = await env.buildOrg({ kind: 'committee' });
  const branch = await env.buildOrg({ parent: root });
  const admin = await env.buildUser({ roles: [{ role: 'security_admin', orgId: root.id }] });
  const res = await (await env.as(admin)).post('/api/v1/notify/providers', {
    kind: o.kind ?? 'wecom_robot',
    name: '综采一队群',
    orgId: branch.id,
    url: `${stub.base}${path}?key=secret-robot-key`,
    timeoutMs: o.timeoutMs ?? 1000,
  });
  expect(res.statusCode, res.body).toBe(201);
  const people = [await env.buildUser({ orgId: branch.id }), await env.buildUser({ orgId: branch.id })];
  return { root, branch, admin, people, providerId: json<{ id: number }>(res).id };
}

const statusOf = async (providerId: number) =>
  env.db
    .select({
      userId: notifyDeliveries.userId,
      status: notifyDeliveries.status,
      attempts: notifyDeliveries.attempts,
      next: notifyDeliveries.nextAttemptAt,
      error: notifyDeliveries.lastError,
      skip: notifyDeliveries.skipReason,
    })
    .from(notifyDeliveries)
    .where(eq(notifyDeliveries.providerId, providerId))
    .orderBy(notifyDeliveries.id);

const invitation = (title = '三月支委会') => ({
  code: 'meeting.invited' as const,
  params: { orgName: '综采一队支部', meetingTitle: title, startsAt: '2026-03-05T07:00:00.000Z' },
  link: '/m/life',
});

describe('notify: in the app always, beyond it through the channels', () => {
  it('a webhook message reaches the robot; the app gets a notice; someone outside the org gets nothing', async () => {
    const { branch, people, providerId } = await branchWithChannel('/ok-a');
    const outsider = await env.buildUser();
    const r = await notify(env.db, env.clock.now(), { key: 'm:ok-a', to: { kind: 'org', orgId: branch.id }, message: invitation() });
    expect(r).toMatchObject({ created: true, recipients: 2, deliveries: 2 });
    expect(await dispatch()).toMatchObject({ sent: 2, failed: 0 });
    const got = stub.to('/ok-a');
    expect(got).toHaveLength(2);
    expect(got[0].body).toEqual({
      msgtype: 'text',
      text: { content: expect.stringContaining('【先锋】会议通知：综采一队支部「三月支委会」，2026-03-05 15:00 开始') },
    });
    expect((await statusOf(providerId)).map((d) => d.status)).toEqual(['sent', 'sent']);
    const inApp = await env.db
      .select({ userId: todos.userId, kind: todos.kind, title: todos.title })
      .from(todos)
      .where(eq(todos.sourceKey, 'notify:m:ok-a'));
    expect(inApp.map((t) => t.userId).sort()).toEqual(people.map((p) => p.id).sort());
    expect(inApp[0].kind).toBe('notice');
    expect(inApp.some((t) => t.userId === outsider.id)).toBe(false);
  });

  it('the same message id is sent once, whatever the retries', async () => {
    const { branch, providerId } = await branchWithChannel('/ok-b');
    const input = { key: 'm:ok-b', to: { kind: 'org' as const, orgId: branch.id }, message: invitation() };
    await notify(env.db, env.clock.now(), input);
    expect(await notify(env.db, env.clock.now(), input)).toMatchObject({ created: false, deliveries: 0 });
    await dispatch();
    await dispatch();
    expect(stub.to('/ok-b')).toHaveLength(2);
    expect(await statusOf(providerId)).toHaveLength(2);
    expect(await env.db.select().from(todos).where(eq(todos.sourceKey, 'notify:m:ok-b'))).toHaveLength(2);
  });

  it('a provider answering 500 is retried with backoff, then marked failed; a good channel is not held up', async () => {
    const { people, providerId } = await branchWithChannel('/fail-c');
    const good = await branchWithChannel('/ok-c');
    await notify(env.db, env.clock.now(), {
      key: 'm:fail-c',
      to: { kind: 'users', userIds: [people[0].id, good.people[0].id] },
      message: invitation(),
    });
    const t0 = env.clock.now().getTime();
    expect(await dispatch()).toMatchObject({ sent: 1, retrying: 1 });
    let [d] = await statusOf(providerId);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, error: 'HTTP 500' });
    expect(d.next.getTime() - t0).toBe(30_000);
    expect(await dispatch()).toMatchObject({ sent: 0, retrying: 0 }); // not due yet
    for (const [wait, attempts, next] of [
      [30, 2, 60],
      [60, 3, 120],
    ]) {
      env.clock.advance(wait * 1000);
      expect(await dispatch()).toMatchObject({ retrying: 1 });
      [d] = await statusOf(providerId);
      expect(d.attempts).toBe(attempts);
      expect(d.next.getTime() - env.clock.now().getTime()).toBe(next * 1000);
    }
    env.clock.advance(120_000);
    expect(await dispatch()).toMatchObject({ failed: 1 });
    [d] = await statusOf(providerId);
    expect(d).toMatchObject({ status: 'failed', attempts: 4, error: 'HTTP 500' });
    expect(stub.to('/fail-c')).toHaveLength(4);
    expect(stub.to('/ok-c')).toHaveLength(1);
  });

  it('a provider that times out is retried and does not hold up the others', async () => {
    const slow = await branchWithChannel('/hang-d', { timeoutMs: 3000 });
    const good = await branchWithChannel('/ok-d');
    await notify(env.db, env.clock.now(), {
      key: 'm:hang-d',
      to: { kind: 'users', userIds: [slow.people[0].id, good.people[0].id] },
      message: invitation(),
    });
    const started = Date.now();
    const run = dispatch();
    // The good delivery is recorded while the slow one still waits for its provider.
    let good0 = (await statusOf(good.providerId))[0];
    while (good0.status !== 'sent' && Date.now() - started < 2800) {
      await new Promise((r) => setTimeout(r, 50));
      good0 = (await statusOf(good.providerId))[0];
    }
    expect(good0.status).toBe('sent');
    expect(Date.now() - started).toBeLessThan(2800);
    expect(await run).toMatchObject({ sent: 1, retrying: 1 });
    expect((await statusOf(slow.providerId))[0]).toMatchObject({ status: 'pending', attempts: 1, error: '超时（3000 ms）' });
    // Its retries would come due in the later tests' clock jumps: this test's data ends here.
    await env.db.update(notifyProviders).set({ enabled: false }).where(eq(notifyProviders.id, slow.providerId));
    await env.db.update(notifyDeliveries).set({ status: 'skipped' }).where(eq(notifyDeliveries.providerId, slow.providerId));
  });

  it('quiet hours defer a delivery (by the injected clock) without spending a try', async () => {
    const { people, providerId } = await branchWithChannel('/ok-e');
    await (await env.as(people[0])).put('/api/v1/notify/preferences', { quietStart: '22:00', quietEnd: '07:00', dailyCap: null });
    env.clock.set('2026-03-02T23:10:00+08:00');
    await notify(env.db, env.clock.now(), { key: 'm:quiet', to: { kind: 'users', userIds: [people[0].id] }, message: invitation() });
    expect(await dispatch()).toMatchObject({ deferred: 1, sent: 0 });
    expect((await statusOf(providerId))[0]).toMatchObject({ status: 'pending', attempts: 0, next: new Date('2026-03-03T07:00:00+08:00') });
    env.clock.set('2026-03-03T06:59:00+08:00');
    expect(await dispatch()).toMatchObject({ sent: 0, deferred: 0 });
    expect(stub.to('/ok-e')).toHaveLength(0);
    env.clock.set('2026-03-03T07:00:00+08:00');
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect(stub.to('/ok-e')).toHaveLength(1);
  });

  it('the daily cap: beyond it a message stays in the app only; the next China day counts again', async () => {
    const { people, providerId } = await branchWithChannel('/ok-f');
    await (await env.as(people[0])).put('/api/v1/notify/preferences', { quietStart: null, quietEnd: null, dailyCap: 2 });
    env.clock.set('2026-03-04T10:00:00+08:00');
    for (const n of [1, 2, 3])
      await notify(env.db, env.clock.now(), {
        key: `m:cap:${n}`,
        to: { kind: 'users', userIds: [people[0].id] },
        message: invitation(`会议${n}`),
      });
    expect(await dispatch()).toMatchObject({ sent: 2, skipped: 1 });
    expect((await statusOf(providerId)).map((d) => d.skip)).toContain('daily_cap');
    expect(
      await env.db
        .select()
        .from(todos)
        .where(and(eq(todos.userId, people[0].id), eq(todos.kind, 'notice'))),
    ).toHaveLength(3);
    env.clock.set('2026-03-05T00:00:00+08:00');
    await notify(env.db, env.clock.now(), { key: 'm:cap:4', to: { kind: 'users', userIds: [people[0].id] }, message: invitation('会议4') });
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect(stub.to('/ok-f')).toHaveLength(3);
  });

  it('an SMS gateway gets the number, the template and the key; a person without a number is skipped', async () => {
    const { people, providerId } = await branchWithChannel('/ok-sms', { kind: 'sms_http' });
    await env.db
      .update(notifyProviders)
      .set({ secretEnc: env.ciphers.auth.encrypt('gw-key') })
      .where(eq(notifyProviders.id, providerId));
    await notify(env.db, env.clock.now(), { key: 'm:sms', to: { kind: 'users', userIds: people.map((p) => p.id) }, message: invitation() });
    expect(await dispatch(async () => new Map([[people[0].id, '13800138000']]))).toMatchObject({ sent: 1, skipped: 1 });
    const [req] = stub.to('/ok-sms');
    expect(req.headers.authorization).toBe('Bearer gw-key');
    expect(req.body).toMatchObject({ to: '13800138000', templateCode: 'meeting.invited', params: { meetingTitle: '三月支委会' } });
  });

  it('an audience of roles in an org subtree', async () => {
    const { root, branch, people } = await branchWithChannel('/ok-g');
    const secretary = await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] });
    const r = await notify(env.db, env.clock.now(), {
      key: 'm:roles',
      to: { kind: 'org', orgId: root.id, roles: ['branch_secretary'] },
      message: invitation(),
    });
    expect(r.recipients).toBe(1);
    const inApp = await env.db.select({ userId: todos.userId }).from(todos).where(eq(todos.sourceKey, 'notify:m:roles'));
    expect(inApp.map((t) => t.userId)).toEqual([secretary.id]);
    expect(people.some((p) => p.id === secretary.id)).toBe(false);
  });

  it('refuses sensitive fields, by type and at run time, and writes nothing', async () => {
    const { people } = await branchWithChannel('/ok-h');
    const send = (params: Record<string, string | number>) =>
      notify(env.db, env.clock.now(), {
        key: `m:bad:${JSON.stringify(params)}`,
        to: { kind: 'users', userIds: [people[0].id] },
        // @ts-expect-error a phone number is not a message parameter (only ids, names, titles, dates, counts)
        message: { code: 'meeting.invited', params: { ...params, phone: '13800138000' } },
      });
    await expect(send({})).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      notify(env.db, env.clock.now(), {
        key: 'm:bad:name',
        to: { kind: 'users', userIds: [people[0].id] },
        message: { code: 'meeting.invited', params: { memberName: '张三 110101199003071234' } },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await env.db.select().from(todos).where(eq(todos.userId, people[0].id))).toHaveLength(0);
  });
});

describe('channel settings (安全管理员) and the deliveries page', () => {
  it('the address and its key are never shown; a bad URL is a 400 and writes nothing; a test message goes out', async () => {
    const { admin, branch, providerId } = await branchWithChannel('/ok-i');
    const api = await env.as(admin);
    const list = json<{ items: { id: number; urlHost: string }[] }>(await api.get('/api/v1/notify/providers'));
    const mine = list.items.find((p) => p.id === providerId);
    expect(mine?.urlHost).toBe(new URL(stub.base).host);
    expect(JSON.stringify(list)).not.toContain('secret-robot-key');
    const bad = await api.post('/api/v1/notify/providers', {
      kind: 'wecom_robot',
      name: '外网',
      orgId: branch.id,
      url: 'http://example.com/x',
    });
    expect(bad.statusCode).toBe(400);
    expect(json<{ details: { path: string; message: string }[] }>(bad).details[0]).toMatchObject({
      path: 'url',
      message: '网址必须以 https:// 开头',
    });
    expect(json<{ items: unknown[] }>(await api.get('/api/v1/notify/providers')).items).toHaveLength(list.items.length);

    const sent = await api.post(`/api/v1/notify/providers/${providerId}/test`);
    expect(json(sent)).toMatchObject({ deliveries: 1 });
    await dispatch();
    expect(stub.to('/ok-i')).toHaveLength(1);
    const page = json<{ items: { status: string; text: string; providerName: string }[] }>(
      await api.get('/api/v1/notify/deliveries?status=sent'),
    );
    expect(page.items[0]).toMatchObject({ status: 'sent', providerName: '综采一队群', text: expect.stringContaining('测试消息') });

    // Another subtree's security administrator sees neither the channel nor its deliveries.
    const elsewhere = await env.buildUser({ roles: [{ role: 'security_admin', orgId: (await env.buildOrg({ kind: 'committee' })).id }] });
    const theirs = await env.as(elsewhere);
    expect(json<{ items: { id: number }[] }>(await theirs.get('/api/v1/notify/providers')).items.map((p) => p.id)).not.toContain(
      providerId,
    );
    expect(json<{ total: number }>(await theirs.get('/api/v1/notify/deliveries')).total).toBe(0);
    expect((await theirs.post(`/api/v1/notify/providers/${providerId}/test`)).statusCode).toBe(404);
    // Anyone else: 403 on the channel settings.
    expect(
      (await (await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: branch.id }] }))).get('/api/v1/notify/deliveries'))
        .statusCode,
    ).toBe(403);
  });

  /** A robot channel of `org` (the record of the provider routes' matrices). */
  const robotIn = async (e: TestEnv, org: { id: number; path: string }) => {
    const [p] = await e.db
      .insert(notifyProviders)
      .values({
        kind: 'wecom_robot',
        name: '群',
        orgId: org.id,
        orgPath: org.path,
        urlEnc: e.ciphers.auth.encrypt(`${stub.base}/ok`),
        urlHost: 'x',
        timeoutMs: 1000,
      })
      .returning({ id: notifyProviders.id });
    return p;
  };

  describe('PATCH /api/v1/notify/providers/:id', () => {
    authzMatrix(() => env, {
      role: 'security_admin',
      makeRecord: robotIn,
      request: (p) => ({ method: 'PATCH', url: `/api/v1/notify/providers/${p.id}`, payload: { enabled: false } }),
      snapshot: async (e, p) => (await e.db.select().from(notifyProviders).where(eq(notifyProviders.id, p.id)))[0],
    });
  });

  describe('POST /api/v1/notify/providers/:id/test', () => {
    authzMatrix(() => env, {
      role: 'security_admin',
      makeRecord: robotIn,
      request: (p) => ({ method: 'POST', url: `/api/v1/notify/providers/${p.id}/test` }),
    });
  });
});
