import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseState } from '../../../test/authz.js';
import { type Caller, createTestEnv, json, TEST_PASSWORD, type TestEnv } from '../../../test/harness.js';
import { buildApp } from '../../app.js';
import { openPrivateKey } from './reports.crypto.js';
import { buildReportsSetup } from './reports.fixtures.js';
import { purgeExpiredReports } from './reports.jobs.js';
import { intakeLimit } from './reports.throttle.js';

const ADDRESS = '203.0.113.77';
const AGENT = 'ReporterPhone/9.9 (Linux; Android 14; 矿灯房一体机)';
const TEXT = '8102工作面瓦斯传感器被胶带缠住已三天-唯一标记QX7';
const PHOTO = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.from('PHOTO-BYTES-ZZ9-'.repeat(4000), 'latin1')]);

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ env: { TRUST_PROXY: 'true' } });
});

const from = { 'x-forwarded-for': ADDRESS, 'user-agent': AGENT };
const intake = (body: unknown, headers: Record<string, string> = from) =>
  env.anon.inject({ method: 'POST', url: '/api/v1/reports/intake', payload: body as object, headers });
const follow = (receipt: string, headers: Record<string, string> = from) =>
  env.anon.inject({ method: 'POST', url: '/api/v1/reports/intake/follow', payload: { receipt }, headers });

async function unlocked(user: { id: number; username: string }): Promise<Caller> {
  const c = await env.as(user);
  const res = await c.post('/api/v1/reports/key/unlock', { password: TEST_PASSWORD });
  expect(res.statusCode, res.body).toBe(200);
  return c;
}

async function submit(channelId: number, extra: Record<string, unknown> = {}) {
  const res = await intake({
    channelId,
    answers: { kind: '重大事故隐患', where: '东山矿 8102 工作面', what: TEXT, accused: '王班长' },
    files: [{ name: '现场.jpg', base64: PHOTO.toString('base64') }],
    rewardWanted: true,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(200);
  const { receipt } = json<{ receipt: string }>(res);
  const [row] = (await env.db.execute<{ id: number }>(sql`SELECT max(id) AS id FROM reports`)).rows;
  return { receipt, id: Number(row.id) };
}

describe('the life of a report', () => {
  it('intake → accept → reply → 属实 with a reward → the reporter reads reply and claim code → archive', async () => {
    const s = await buildReportsSetup(env);
    const channels = json<{ items: { id: number; handlers: unknown[] }[] }>(await env.anon.get('/api/v1/reports/intake/channels'));
    expect(channels.items.find((c) => c.id === s.channelId)?.handlers).toHaveLength(2);
    const { receipt, id } = await submit(s.channelId);
    expect(receipt).toMatch(/^\d{16}$/);
    const [stored] = (await env.db.execute<Record<string, unknown>>(sql`SELECT * FROM reports WHERE id = ${id}`)).rows;
    expect(stored.received_on).toBeTruthy();
    expect(JSON.stringify(stored)).not.toContain(receipt);

    const h = await unlocked(s.handlers[0]);
    const list = json<{ items: { id: number; status: string; unread: boolean }[] }>(await h.get('/api/v1/reports'));
    expect(list.items.map((r) => r.id)).toContain(id);
    const detail = json<{ answers: Record<string, string>; files: { id: number; name: string }[] }>(await h.get(`/api/v1/reports/${id}`));
    expect(detail.answers.what).toBe(TEXT);
    expect(detail.files[0].name).toBe('现场.jpg');
    const file = await h.get(`/api/v1/reports/${id}/files/${detail.files[0].id}`);
    expect(file.rawPayload.equals(PHOTO)).toBe(true);

    expect((await h.post(`/api/v1/reports/${id}/status`, { to: 'accepted' })).statusCode).toBe(200);
    expect((await h.post(`/api/v1/reports/${id}/messages`, { kind: 'reply', text: '已派人到现场核查，感谢反映。' })).statusCode).toBe(200);
    expect((await h.post(`/api/v1/reports/${id}/messages`, { kind: 'note', text: '内部：通风科已确认' })).statusCode).toBe(200);
    expect((await h.post(`/api/v1/reports/${id}/status`, { to: 'investigating' })).statusCode).toBe(200);
    expect((await h.post(`/api/v1/reports/${id}/reward`, { amountFen: 50000 })).statusCode).toBe(409); // not concluded yet
    expect((await h.post(`/api/v1/reports/${id}/status`, { to: 'concluded', outcome: 'substantiated' })).statusCode).toBe(200);
    expect((await h.post(`/api/v1/reports/${id}/reward`, { amountFen: 50000 })).statusCode).toBe(200);

    const view = json<{
      status: string;
      outcome: string;
      messages: { kind: string; text: string; authorName: string | null }[];
      reward: { claimCode: string; amountFen: number };
    }>(await follow(receipt));
    expect(view.status).toBe('concluded');
    expect(view.outcome).toBe('substantiated');
    expect(view.messages.map((m) => m.text)).toEqual(['已派人到现场核查，感谢反映。']); // the note stays internal
    expect(view.messages[0].authorName).toBe('办理人员'); // never the handler's name
    expect(view.reward.amountFen).toBe(50000);
    expect(view.reward.claimCode).toMatch(/^[A-Z2-9]{8}$/);
    const answered = await env.anon.inject({
      method: 'POST',
      url: '/api/v1/reports/intake/follow/messages',
      payload: { receipt, text: '谢谢，隐患已消除' },
      headers: from,
    });
    expect(answered.statusCode).toBe(200);

    expect((await h.post(`/api/v1/reports/${id}/status`, { to: 'archived' })).statusCode).toBe(200);
    const late = await env.anon.inject({
      method: 'POST',
      url: '/api/v1/reports/intake/follow/messages',
      payload: { receipt, text: '再补充' },
      headers: from,
    });
    expect(late.statusCode).toBe(409);
    expect(json<{ message: string }>(late).message).toContain('已归档');
    expect((await h.post(`/api/v1/reports/${id}/messages`, { kind: 'reply', text: 'x' })).statusCode).toBe(409);

    const ledger = await h.get('/api/v1/reports/rewards.xlsx');
    expect(ledger.statusCode).toBe(200);
    expect(ledger.headers['content-type']).toContain('spreadsheetml');
  });

  it('a handler named as the accused never gets the report; an excluded one neither; the other handler re-grants nobody excluded', async () => {
    const s = await buildReportsSetup(env);
    const { id } = await submit(s.channelId, { answers: { kind: '三违行为', where: '西河矿', what: '违章指挥', accused: '张建国' } });
    const [r] = (
      await env.db.execute<{ handler_ids: number[]; exclusions: number }>(sql`SELECT handler_ids, exclusions FROM reports WHERE id = ${id}`)
    ).rows;
    expect(r.handler_ids).toEqual([s.handlers[1].id]);
    expect(r.exclusions).toBe(1);
    const accused = await unlocked(s.handlers[0]);
    expect((await accused.get(`/api/v1/reports/${id}`)).statusCode).toBe(404);
    const other = await unlocked(s.handlers[1]);
    const add = await other.post(`/api/v1/reports/${id}/handlers`, { add: [s.handlers[0].id] });
    expect(add.statusCode).toBe(400);
    const both = await submit(s.channelId, {
      exclude: [s.handlers[1].id],
      answers: { kind: '三违行为', where: '西河矿', what: '违章作业' },
    });
    const [b] = (await env.db.execute<{ handler_ids: number[] }>(sql`SELECT handler_ids FROM reports WHERE id = ${both.id}`)).rows;
    expect(b.handler_ids).toEqual([s.handlers[0].id]);
  });

  it('bad input: empty questionnaire, an executable, a renamed program, a forged receipt — Chinese 4xx, nothing written', async () => {
    const s = await buildReportsSetup(env);
    const before = await databaseState(env.db);
    const empty = await intake({ channelId: s.channelId, answers: {} });
    expect(empty.statusCode).toBe(400);
    expect(JSON.stringify(json(empty))).toContain('请填写');
    const exe = await intake({
      channelId: s.channelId,
      answers: { kind: '其他安全问题', where: 'x', what: 'y' },
      files: [{ name: 'a.exe', base64: Buffer.from('MZ....').toString('base64') }],
    });
    expect(exe.statusCode).toBe(415);
    const renamed = await intake({
      channelId: s.channelId,
      answers: { kind: '其他安全问题', where: 'x', what: 'y' },
      files: [{ name: 'a.jpg', base64: Buffer.from('#!/bin/sh\nrm -rf /').toString('base64') }],
    });
    expect(renamed.statusCode).toBe(415);
    expect(json<{ message: string }>(renamed).message).toContain('不符');
    expect((await follow('123', { 'x-forwarded-for': '198.51.100.1' })).statusCode).toBe(400);
    expect(await databaseState(env.db)).toEqual(before);
  });
});

describe('nothing identifies the reporter', () => {
  it('pg_dump of the database and the file store hold no report text, attachment bytes, address or User-Agent', async () => {
    const s = await buildReportsSetup(env);
    const { receipt } = await submit(s.channelId);
    let dump: string;
    try {
      dump = execFileSync('pg_dump', ['--data-only', '--no-owner', env.dbUrl], {
        maxBuffer: 512 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe'],
      }).toString('utf8');
    } catch {
      // pg_dump older than the server (Debian's 15 against the embedded 17) refuses: dump every table of every schema with COPY's text form instead.
      const { rows } = await env.db.execute<{ s: string; t: string }>(
        sql`SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
      );
      const parts: string[] = [];
      for (const { s: schema, t } of rows) {
        const r = await env.db
          .execute<{ x: string }>(sql.raw(`SELECT x::text AS x FROM "${schema}"."${t}" x`))
          .catch(() => ({ rows: [] as { x: string }[] }));
        parts.push(...r.rows.map((x) => x.x));
      }
      dump = parts.join('\n');
    }
    expect(dump.length).toBeGreaterThan(1000);
    expect(dump).toContain('安全隐患举报'); // the dump is real: the channel is there
    for (const secret of [TEXT, 'QX7', ADDRESS, AGENT, 'ReporterPhone', '东山矿 8102 工作面', '现场.jpg', receipt])
      expect(dump).not.toContain(secret);
    const dir = join(env.config.uploadDir, 'reports');
    const files = readdirSync(dir).map((f) => readFileSync(join(dir, f)));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      expect(f.includes(Buffer.from('PHOTO-BYTES-ZZ9'))).toBe(false);
      expect(f.includes(Buffer.from(TEXT))).toBe(false);
    }
  });

  it('the master key and the database open nothing: every key derivable from them fails on every sealed value', async () => {
    const s = await buildReportsSetup(env);
    const { id } = await submit(s.channelId);
    const { createDecipheriv, hkdfSync } = await import('node:crypto');
    const { unwrapKey } = await import('../../platform/crypto/fields.js');
    const master = env.config.masterKey;
    const candidates: Buffer[] = [master, Buffer.from(hkdfSync('sha256', master, 'vanguard', 'reports', 32))];
    const { rows: dk } = await env.db.execute<{ wrapped: string }>(sql`SELECT wrapped FROM data_keys`);
    for (const k of dk) candidates.push(unwrapKey(master, k.wrapped));
    const { rows: hk } = await env.db.execute<{ private_enc: string; public_key: string }>(
      sql`SELECT private_enc, public_key FROM report_handler_keys`,
    );
    const [r] = (
      await env.db.execute<{ answers_enc: string; reporter_key: string }>(
        sql`SELECT answers_enc, reporter_key FROM reports WHERE id = ${id}`,
      )
    ).rows;
    const { rows: wk } = await env.db.execute<{ wrapped: string }>(sql`SELECT wrapped FROM report_keys WHERE report_id = ${id}`);
    const sealedValues = [
      r.answers_enc,
      r.reporter_key,
      ...hk.map((h) => h.private_enc),
      ...wk.map((w) => Buffer.from(w.wrapped, 'base64').subarray(32).toString('base64')),
    ];
    // Public keys and the receipt salt are in the database too: try them as keys as well.
    for (const h of hk) candidates.push(Buffer.from(h.public_key, 'base64'));
    let opened = 0;
    for (const key of candidates) {
      for (const v of sealedValues) {
        const b = Buffer.from(v, 'base64');
        try {
          const d = createDecipheriv('aes-256-gcm', key.subarray(0, 32), b.subarray(0, 12));
          d.setAuthTag(b.subarray(12, 28));
          d.update(b.subarray(28));
          d.final();
          opened++;
        } catch {
          // expected: GCM refuses a wrong key
        }
      }
    }
    expect(candidates.length).toBeGreaterThan(3);
    expect(opened).toBe(0);
    // The design claim the test rests on: no column holds the report key under anything but a handler's public key or the receipt.
    const { rows: cols } = await env.db.execute<{ column_name: string }>(
      sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'reports'`,
    );
    expect(cols.map((c) => c.column_name).filter((c) => /key/.test(c))).toEqual(['reporter_key']);
  });

  it('the request log of a submission holds no address and no User-Agent', async () => {
    const s = await buildReportsSetup(env);
    const lines: string[] = [];
    const app = await buildApp({
      config: { ...env.config, logLevel: 'info' },
      db: env.db,
      clock: env.clock,
      serveWeb: false,
      logStream: { write: (l) => void lines.push(l) },
    });
    await app.ready();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/reports/intake',
      payload: { channelId: s.channelId, answers: { kind: '三违行为', where: 'x', what: TEXT } },
      headers: from,
    });
    const page = await app.inject({ method: 'GET', url: '/report/follow', headers: from });
    const other = await app.inject({ method: 'GET', url: '/api/health', headers: from });
    await app.close();
    expect(res.statusCode, res.body).toBe(200);
    expect(page.statusCode).toBeGreaterThan(0);
    expect(other.statusCode).toBe(200);
    const reportLines = lines.filter((l) => l.includes('/report'));
    expect(reportLines.length).toBeGreaterThan(0);
    for (const l of reportLines) {
      expect(l).not.toContain(ADDRESS);
      expect(l).not.toContain(AGENT);
      expect(l).not.toContain(TEXT);
    }
    // The intake routes log warnings only: no info line would date the submission to the millisecond.
    expect(lines.some((l) => l.includes('/api/v1/reports/intake'))).toBe(false);
    // The check can fail: other routes still log the address.
    expect(lines.some((l) => l.includes('/api/health') && l.includes(ADDRESS))).toBe(true);
  });
});

describe('access: only assigned handlers, everyone else 404', () => {
  const routes = (id: number, fileId: number): InjectOptions[] => [
    { method: 'GET', url: `/api/v1/reports/${id}` },
    { method: 'POST', url: `/api/v1/reports/${id}/status`, payload: { to: 'accepted' } },
    { method: 'POST', url: `/api/v1/reports/${id}/messages`, payload: { kind: 'reply', text: 'x' } },
    { method: 'POST', url: `/api/v1/reports/${id}/handlers`, payload: { add: [], remove: [] } },
    { method: 'PATCH', url: `/api/v1/reports/${id}`, payload: { important: true } },
    { method: 'POST', url: `/api/v1/reports/${id}/reward`, payload: { amountFen: 100 } },
    { method: 'POST', url: `/api/v1/reports/${id}/reward/paid` },
    { method: 'GET', url: `/api/v1/reports/${id}/files/${fileId}` },
    { method: 'GET', url: '/api/v1/reports' },
    { method: 'GET', url: '/api/v1/reports/stats' },
    { method: 'GET', url: '/api/v1/reports/rewards.xlsx' },
    { method: 'GET', url: '/api/v1/reports/key' },
    { method: 'POST', url: '/api/v1/reports/key/unlock', payload: { password: TEST_PASSWORD } },
    { method: 'POST', url: '/api/v1/reports/key', payload: { password: TEST_PASSWORD } },
    { method: 'DELETE', url: '/api/v1/reports/key/unlock' },
  ];
  const byIdOnly = 8;

  it('three administrators, an org admin, a secretary: 404 on every handler route, nothing changed; anonymous 401', async () => {
    const s = await buildReportsSetup(env);
    const { id } = await submit(s.channelId);
    const [f] = (await env.db.execute<{ id: number }>(sql`SELECT id FROM report_files WHERE report_id = ${id}`)).rows;
    const people = [
      await env.buildUser({ roles: [{ role: 'sys_admin', orgId: s.group.id }] }),
      await env.buildUser({ roles: [{ role: 'security_admin', orgId: s.group.id }] }),
      await env.buildUser({ roles: [{ role: 'auditor', orgId: s.group.id }] }),
      await env.buildUser({ roles: [{ role: 'org_admin', orgId: s.group.id }] }),
      await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: s.group.id }] }),
    ];
    const before = await databaseState(env.db);
    for (const p of people) {
      const c = await env.as(p);
      for (const req of routes(id, Number(f.id))) {
        const res = await c.inject(req);
        expect(res.statusCode, `${p.username} ${req.method} ${req.url}`).toBe(404);
      }
    }
    for (const req of routes(id, Number(f.id))) expect((await env.anon.inject(req)).statusCode, `${req.method} ${req.url}`).toBe(401);
    expect(await databaseState(env.db)).toEqual(before);
  });

  it('an unassigned handler of the same 纪委: 404 on the report and its writes, nothing changed; the list does not show it', async () => {
    const s = await buildReportsSetup(env);
    const { id } = await submit(s.channelId);
    const [f] = (await env.db.execute<{ id: number }>(sql`SELECT id FROM report_files WHERE report_id = ${id}`)).rows;
    const outsider = await env.buildUser({ roles: [{ role: 'discipline_handler', orgId: s.group.id }] });
    const { createHandlerKey } = await import('./reports.seed.js');
    await createHandlerKey(env.db, outsider.id, TEST_PASSWORD);
    const c = await unlocked(outsider);
    const before = await databaseState(env.db);
    for (const req of routes(id, Number(f.id)).slice(0, byIdOnly))
      expect((await c.inject(req)).statusCode, `${req.method} ${req.url}`).toBe(404);
    expect(await databaseState(env.db)).toEqual(before);
    expect(json<{ items: { id: number }[] }>(await c.get('/api/v1/reports')).items.map((r) => r.id)).not.toContain(id);
    // …and the assigned one gets in (the check can fail).
    const h = await unlocked(s.handlers[0]);
    expect((await h.get(`/api/v1/reports/${id}`)).statusCode).toBe(200);
  });

  it('a locked key: the detail asks to unlock (409) instead of showing anything', async () => {
    const s = await buildReportsSetup(env);
    const { id } = await submit(s.channelId);
    const c = await env.as(s.handlers[0]);
    const res = await c.get(`/api/v1/reports/${id}`);
    expect(res.statusCode).toBe(409);
    expect(json<{ message: string }>(res).message).toContain('解锁');
  });
});

describe('keys follow the password', () => {
  it('a password change re-seals the private key: the new password opens the reports, the old does not', async () => {
    const s = await buildReportsSetup(env);
    const { id } = await submit(s.channelId);
    const c = await env.as(s.handlers[0]);
    const NEW = 'Another-Passw0rd#2026';
    const changed = await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: NEW });
    expect(changed.statusCode, changed.body).toBeLessThan(300);
    const cookie = String(changed.headers['set-cookie']).match(/vg_session=([^;]+)/)?.[1];
    const csrf = json<{ csrfToken?: string }>(changed).csrfToken;
    const again = (o: InjectOptions) =>
      env.app.inject({ ...o, headers: { cookie: `vg_session=${cookie}`, ...(csrf ? { 'x-csrf-token': csrf } : {}) } });
    expect((await again({ method: 'POST', url: '/api/v1/reports/key/unlock', payload: { password: NEW } })).statusCode).toBe(200);
    expect((await again({ method: 'GET', url: `/api/v1/reports/${id}` })).statusCode).toBe(200);
    const [k] = (
      await env.db.execute<{ privateEnc: string; kdfSalt: string }>(
        sql`SELECT private_enc AS "privateEnc", kdf_salt AS "kdfSalt" FROM report_handler_keys WHERE user_id = ${s.handlers[0].id}`,
      )
    ).rows;
    expect(await openPrivateKey(k, TEST_PASSWORD, s.handlers[0].id)).toBeNull();
    expect(await openPrivateKey(k, NEW, s.handlers[0].id)).not.toBeNull();
  });

  it('an administrator reset leaves the key sealed under the old password: unlock says so (409 stale)', async () => {
    const s = await buildReportsSetup(env);
    const { hashPassword } = await import('../../platform/auth/password.js');
    await env.db.execute(sql`UPDATE users SET password_hash = ${await hashPassword('Reset-Passw0rd!9')} WHERE id = ${s.handlers[0].id}`);
    const c = await env.as(s.handlers[0]);
    const res = await c.post('/api/v1/reports/key/unlock', { password: 'Reset-Passw0rd!9' });
    expect(res.statusCode).toBe(409);
    expect(json<{ details: { stale: boolean } }>(res).details.stale).toBe(true);
  });
});

describe('retention and throttling', () => {
  it('the retention job deletes an expired report with its rows and overwrites, then unlinks, its files; an audit row without content remains', async () => {
    const s = await buildReportsSetup(env);
    const { id, receipt } = await submit(s.channelId);
    const keep = await submit(s.channelId);
    const [f] = (await env.db.execute<{ storage_key: string }>(sql`SELECT storage_key FROM report_files WHERE report_id = ${id}`)).rows;
    const path = join(env.config.uploadDir, 'reports', f.storage_key);
    expect(readFileSync(path).length).toBeGreaterThan(0);
    await env.db.execute(sql`UPDATE reports SET status = 'archived', expires_on = '2000-01-01' WHERE id = ${id}`);
    const n = await purgeExpiredReports(env.db, env.clock.now(), env.ciphers);
    expect(n).toBe(1);
    for (const t of ['reports', 'report_keys', 'report_messages', 'report_files']) {
      const col = t === 'reports' ? 'id' : 'report_id';
      const { rows } = await env.db.execute(sql.raw(`SELECT 1 FROM ${t} WHERE ${col} = ${id}`));
      expect(rows, t).toHaveLength(0);
    }
    expect(() => readFileSync(path)).toThrow();
    const { rows: kept } = await env.db.execute(sql`SELECT 1 FROM reports WHERE id = ${keep.id}`);
    expect(kept).toHaveLength(1);
    const { rows: a } = await env.db.execute<{ after: unknown }>(
      sql`SELECT after FROM audit_log WHERE action = 'reports.purged' AND entity_id = ${String(id)}`,
    );
    expect(a).toHaveLength(1);
    expect(JSON.stringify(a[0].after)).not.toContain('QX7');
    expect((await follow(receipt, { 'x-forwarded-for': '198.51.100.9' })).statusCode).toBe(404);
  });

  it('wrong receipts: ten in ten minutes from one address, then 429 even for the right one; another address is unaffected', async () => {
    const s = await buildReportsSetup(env);
    const { receipt } = await submit(s.channelId);
    const h = { 'x-forwarded-for': '198.51.100.23' };
    for (let i = 0; i < 10; i++) {
      const res = await follow(`${1000_0000_0000_0000 + i}`, h);
      expect(res.statusCode).toBe(404);
      expect(json<{ message: string }>(res).message).toContain('回执码不正确');
    }
    expect((await follow(receipt, h)).statusCode).toBe(429);
    expect((await follow(receipt, { 'x-forwarded-for': '198.51.100.24' })).statusCode).toBe(200);
    env.clock.advance(11 * 60_000);
    expect((await follow(receipt, h)).statusCode).toBe(200);
  });

  it('51 reports a minute from one address: the 51st is 429 and writes nothing', async () => {
    const s = await buildReportsSetup(env);
    const h = { 'x-forwarded-for': '198.51.100.50' };
    const body = { channelId: s.channelId, answers: { kind: '三违行为', where: 'x', what: 'y' } };
    // The first two go through the route; the 48 after them are counted straight into the same limiter (50 scrypt runs take 30 s on a loaded CI machine).
    expect((await intake(body, h)).statusCode).toBe(200);
    expect((await intake(body, h)).statusCode).toBe(200);
    for (let i = 0; i < 48; i++) intakeLimit.hit(h['x-forwarded-for'], env.clock.now());
    const before = await databaseState(env.db);
    expect((await intake(body, h)).statusCode).toBe(429);
    expect(await databaseState(env.db)).toEqual(before);
  });
});
