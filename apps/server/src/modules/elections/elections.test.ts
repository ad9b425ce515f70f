import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { encryptBallot, tallySums } from '@vanguard/shared/elections/ballot';
import { verifyExport } from '@vanguard/shared/elections/board';
import { parsePt, scHex } from '@vanguard/shared/elections/group';
import { makeDecryptionShare } from '@vanguard/shared/elections/tellers';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseState } from '../../../test/authz.js';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { buildBranch, ceremony, type Detail } from './elections.fixtures.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

const ROOT = resolve(import.meta.dirname, '../../../../..');
const E = (id: number) => `/api/v1/elections/${id}`;
const MY = (id: number) => `/api/v1/my/elections/${id}`;

describe('a branch election, end to end (5 seats, 6 candidates, 12 on the roll)', () => {
  it('plans, freezes, keys, votes online and on paper, releases, verifies — and refuses every bad input', async () => {
    const b = await buildBranch(env, 12);
    const { people, secretary, admin } = b;
    const tellers = people.slice(0, 3);
    const created = await secretary.post('/api/v1/elections', {
      orgId: b.branch.id,
      title: '第三届支部委员会换届选举',
      seats: 5,
      rollOn: '2026-03-01',
      tellerMemberIds: tellers.map((t) => t.memberId),
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = json<{ id: number }>(created).id;

    // too few candidates: 5 seats need 6 (20 % more, rounded up); nothing written
    const before = await databaseState(env.db);
    const few = await secretary.put(`${E(id)}/candidates`, { memberIds: people.slice(0, 5).map((p) => p.memberId) });
    expect(few.statusCode).toBe(400);
    expect(few.json().details[0]).toMatchObject({ path: 'memberIds', message: expect.stringContaining('至少 6 名') });
    expect(await databaseState(env.db)).toEqual(before);
    // candidates: 张 李 刘 王 马 丁 given in this order, listed by the strokes of the surname
    const six = [3, 2, 1, 0, 4, 5].map((i) => people[i].memberId);
    const cands = await secretary.put(`${E(id)}/candidates`, { memberIds: six });
    expect(cands.statusCode, cands.body).toBe(200);
    expect(json<Detail>(cands).candidates.map((c) => c.name[0])).toEqual(['丁', '马', '王', '刘', '李', '张']);

    // the committee above approves (the branch itself cannot)
    expect((await secretary.post(`${E(id)}/approve`)).statusCode).toBe(403);
    expect((await admin.post(`${E(id)}/approve`)).statusCode).toBe(200);

    // the roll: full members only (probationary, suspended, 留党察看 out)
    const roll = json<Detail>(await secretary.post(`${E(id)}/roll`));
    const names = json<{ items: { name: string }[] }>(await secretary.get(`${E(id)}/voters?pageSize=50`)).items.map((v) => v.name);
    expect(names.filter((n) => /预备|停止|察看/.test(n))).toEqual([]);
    expect(roll.counts.roll).toBe(12);
    const frozen = await secretary.post(`${E(id)}/freeze`);
    expect(frozen.statusCode, frozen.body).toBe(200);
    const d0 = json<Detail & { cryptoId: string }>(frozen);
    // after the freeze: no change to the roll
    const voters = json<{ items: { id: number }[] }>(await secretary.get(`${E(id)}/voters?pageSize=50`)).items;
    const snap = await databaseState(env.db);
    const late = await secretary.put(`${E(id)}/voters/${voters[0].id}/exclusion`, { reason: 'abroad' });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain('名册已冻结');
    expect((await secretary.post(`${E(id)}/roll`)).statusCode).toBe(409);
    expect(await databaseState(env.db)).toEqual(snap);

    // the tellers' key ceremony; a bad proof is refused
    expect(
      (await tellers[0].caller.post(`${MY(id)}/teller/key`, { index: 1, transportKey: scHex(1n), proof: { c: scHex(1n), z: scHex(2n) } }))
        .statusCode,
    ).toBe(400);
    const keys = await ceremony(
      tellers.map((t) => t.caller),
      id,
      d0.cryptoId,
    );
    const ready = json<Detail>(await secretary.get(E(id)));
    expect(ready.status).toBe('ready');
    expect(parsePt(ready.publicKey as string).is0()).toBe(false);

    // quorum: 12 entitled; 4/5 is 9.6 → 9 present fails, 10 passes
    for (const p of people.slice(0, 9)) expect((await secretary.post(`${E(id)}/check-in`, { memberId: p.memberId })).statusCode).toBe(200);
    const noQuorum = await secretary.post(`${E(id)}/open`);
    expect(noQuorum.statusCode).toBe(409);
    expect(noQuorum.json().message).toContain('五分之四');
    for (const p of people.slice(9, 11)) await secretary.post(`${E(id)}/check-in`, { memberId: p.memberId });
    expect((await secretary.post(`${E(id)}/open`)).statusCode).toBe(200);

    // results are sealed for everyone, administrators included
    expect((await admin.get(`${E(id)}/results`)).statusCode).toBe(403);
    expect((await people[5].caller.get(`${MY(id)}/results`)).statusCode).toBe(403);

    const params = { electionId: d0.cryptoId, publicKey: ready.publicKey as string, candidates: 6, seats: 5 };
    // ballots: people 0..7 online; the oracle counts the choices
    const picks = people
      .slice(0, 8)
      .map((_, v) =>
        [0, 1, 2, 3, 4, 5]
          .map((k) => (v + k) % 3 !== 0 && k < 5 + (v % 2))
          .map((x, k, all) => x && all.slice(0, k).filter(Boolean).length < 5),
      );
    // a tampered proof and an overvote are refused, nothing written
    const bad = encryptBallot(params, picks[0]);
    bad.choices[0].proof[0].z = scHex(9n);
    const s1 = await databaseState(env.db);
    const r1 = await people[0].caller.post(`${MY(id)}/ballot`, { ballot: bad });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().details[0].message).toContain('零知识证明');
    expect(await databaseState(env.db)).toEqual(s1);
    // two ballots at once from one voter: exactly one counts
    const twice = await Promise.all(
      [0, 1].map(() => people[0].caller.post(`${MY(id)}/ballot`, { ballot: encryptBallot(params, picks[0]) })),
    );
    expect(twice.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const trackers: string[] = [twice.find((r) => r.statusCode === 200)?.json().tracker];
    for (let v = 1; v < 8; v++) {
      const res = await people[v].caller.post(`${MY(id)}/ballot`, { ballot: encryptBallot(params, picks[v]) });
      expect(res.statusCode, res.body).toBe(200);
      trackers.push(res.json().tracker);
    }
    // a replayed ballot (someone else's, copied) is refused
    const board0 = json<{ board: { kind: string; data: { ballot: unknown } }[] }>(await people[8].caller.get(`${MY(id)}/board`)).board;
    expect(
      (await people[8].caller.post(`${MY(id)}/ballot`, { ballot: board0.find((e) => e.kind === 'ballot')?.data.ballot })).statusCode,
    ).toBe(409);
    // online after online, paper after online, online after paper
    expect((await people[1].caller.post(`${MY(id)}/ballot`, { ballot: encryptBallot(params, picks[1]) })).json().message).toContain(
      '已经投过票',
    );
    expect((await secretary.post(`${E(id)}/paper`, { memberId: people[1].memberId })).statusCode).toBe(409);
    expect((await secretary.post(`${E(id)}/paper`, { memberId: people[8].memberId })).statusCode).toBe(200);
    expect((await secretary.post(`${E(id)}/paper`, { memberId: people[9].memberId })).statusCode).toBe(200);
    expect((await people[9].caller.post(`${MY(id)}/ballot`, { ballot: encryptBallot(params, picks[2]) })).json().message).toContain(
      '纸质选票',
    );
    // not checked in → cannot vote
    expect((await people[11].caller.post(`${MY(id)}/ballot`, { ballot: encryptBallot(params, picks[2]) })).statusCode).toBe(409);
    expect((await secretary.post(`${E(id)}/close`)).statusCode).toBe(200);

    // paper: two tellers enter independently and must agree; more returned than issued is refused
    const paper = { valid: 2, invalid: 0, votes: [2, 2, 2, 1, 1, 0] };
    expect((await tellers[0].caller.post(`${MY(id)}/teller/paper`, { ...paper, valid: 3 })).statusCode).toBe(400);
    expect((await tellers[0].caller.post(`${MY(id)}/teller/paper`, paper)).statusCode).toBe(200);
    expect((await tellers[1].caller.post(`${MY(id)}/teller/paper`, { ...paper, votes: [2, 2, 2, 1, 0, 1] })).statusCode).toBe(409);
    const agreed = await tellers[1].caller.post(`${MY(id)}/teller/paper`, paper);
    expect(agreed.statusCode, agreed.body).toBe(200);

    // decryption: a share with a bad proof is refused; one share does not release; two do
    const board = json<{ board: { kind: string; data: never }[] }>(await people[3].caller.get(`${MY(id)}/board`)).board;
    const sums = tallySums(
      6,
      board.filter((e) => e.kind === 'ballot').map((e) => (e.data as { ballot: never }).ballot),
    );
    const wrong = makeDecryptionShare(keys.ctx, 1, keys.x[1], sums.a);
    expect((await tellers[0].caller.post(`${MY(id)}/teller/share`, wrong)).statusCode).toBe(400);
    expect((await tellers[0].caller.post(`${MY(id)}/teller/share`, makeDecryptionShare(keys.ctx, 1, keys.x[0], sums.a))).statusCode).toBe(
      200,
    );
    expect((await admin.get(`${E(id)}/results`)).statusCode).toBe(403);
    expect((await tellers[2].caller.post(`${MY(id)}/teller/share`, makeDecryptionShare(keys.ctx, 3, keys.x[2], sums.a))).statusCode).toBe(
      200,
    );

    const results = json<{ rows: { name: string; votes: number; elected: boolean }[]; basis: number }>(
      await people[6].caller.get(`${MY(id)}/results`),
    );
    const oracle = [0, 1, 2, 3, 4, 5].map((k) => picks.filter((p) => p[k]).length + paper.votes[k]);
    expect(results.rows.map((r) => r.votes)).toEqual(oracle);
    expect(results.basis).toBe(12);
    expect(results.rows.filter((r) => r.elected).every((r) => r.votes * 2 > 12)).toBe(true);
    const xlsx = await secretary.get(`${E(id)}/results.xlsx`);
    expect(xlsx.statusCode).toBe(200);

    // the export verifies from the file alone
    const exported = json<Parameters<typeof verifyExport>[0]>(await secretary.get(`${E(id)}/export`));
    const report = verifyExport(exported);
    expect(report.errors).toEqual([]);
    expect(report.votes).toEqual(oracle);
    for (const t of trackers) expect(exported.board.some((e) => (e.data as { tracker?: string }).tracker === t)).toBe(true);
    // the command line verifier on the exported file: passes; with one ballot removed, fails
    const dir = mkdtempSync(join(tmpdir(), 'election-'));
    const file = join(dir, 'export.json');
    writeFileSync(file, JSON.stringify(exported));
    const cli = (f: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/election-verify.ts', f], { cwd: ROOT, encoding: 'utf8' });
    const ok = cli(file);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('OK: the election verifies');
    const cut = {
      ...exported,
      board: exported.board.filter((e, i, all) => e.kind !== 'ballot' || all.findIndex((x) => x.kind === 'ballot') !== i),
    };
    writeFileSync(file, JSON.stringify(cut));
    expect(cli(file).status).toBe(1);

    // a dump of the database holds no voter–ballot link: trackers only on the board, no voter on the board
    const { rows: tables } = await env.db.execute<{ name: string }>(
      sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`,
    );
    for (const { name } of tables) {
      const { rows } = await env.db.execute<{ t: string }>(sql.raw(`SELECT x::text AS t FROM "${name}" x`));
      const text = rows.map((r) => r.t).join('\n');
      if (name !== 'election_board') for (const t of trackers) expect(text.includes(t), `${name} holds a tracker`).toBe(false);
    }
    const { rows: cols } = await env.db.execute<{ c: string }>(
      sql`SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'election_voters' ORDER BY ordinal_position`,
    );
    expect(cols.map((c) => c.c)).toEqual(['id', 'election_id', 'member_id', 'excluded_reason', 'checked_in', 'channel', 'voted_on']);
    const { rows: ballots } = await env.db.execute<{ d: string }>(
      sql`SELECT data::text AS d FROM election_board WHERE election_id = ${id} AND kind = 'ballot'`,
    );
    for (const p of people)
      for (const bl of ballots) expect(bl.d.includes(`"memberId":${p.memberId}`) || bl.d.includes(p.name)).toBe(false);
    const { rows: xmins } = await env.db.execute<{ n: number }>(
      sql`SELECT count(DISTINCT xmin::text)::int AS n FROM (SELECT xmin FROM election_voters WHERE election_id = ${id} AND channel = 'online' UNION ALL SELECT xmin FROM election_board WHERE election_id = ${id} AND kind = 'ballot') x`,
    );
    expect(xmins[0].n).toBe(1);
  });
});
