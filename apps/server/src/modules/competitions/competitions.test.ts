import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { auditLog, competitionAnswers, competitionPlayers, pointEntries } from '../../db/schema/index.js';
import { addQuestion, buildMemberUser } from '../learning/learning.fixtures.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type Err = { code: string; message: string; details?: { path: string; message: string }[] };
type Board = {
  players: { name: string; rank: number; correct: number; timeMs: number; branchName: string }[];
  branches: { branchName: string; rank: number; players: number }[];
  answers: number;
};

/** A committee with two branches (one with a 党小组) and a host on the committee. */
async function setup() {
  const committee = await env.buildOrg({ kind: 'committee', category: 'leading', name: '东山矿党委' });
  const one = await env.buildOrg({ parent: committee, name: '综采一队党支部' });
  const group = await env.buildOrg({ parent: one, kind: 'group', name: '综采一队甲班党小组' });
  const two = await env.buildOrg({ parent: committee, name: '掘进二队党支部' });
  const host = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: committee.id }] }));
  const qs = [
    await addQuestion(env, committee, { stem: '入井必须携带？', answer: { keys: ['B'] } }),
    await addQuestion(env, committee, { type: 'judge', stem: '井下可以吸烟。', answer: { keys: ['false'] } }),
    await addQuestion(env, committee, { type: 'multiple', stem: '三违是？', answer: { keys: ['A', 'B', 'C'] } }),
  ];
  return { committee, one, group, two, host, qs };
}

async function liveQuiz(s: Awaited<ReturnType<typeof setup>>, seconds = 20) {
  const res = await s.host.post('/api/v1/competitions', {
    orgId: s.committee.id,
    kind: 'live',
    title: '安全知识竞赛',
    questionIds: s.qs.map((q) => q.id),
    secondsPerQuestion: seconds,
  });
  expect(res.statusCode, res.body).toBe(200);
  return json<{ id: number; joinCode: string; status: string; questionCount: number }>(res);
}

describe('live quiz', () => {
  it('creates, opens the lobby, players join by code, answer within the countdown; leaderboard by person and branch', async () => {
    const s = await setup();
    const quiz = await liveQuiz(s);
    expect(quiz).toMatchObject({ status: 'draft', questionCount: 3 });
    expect(quiz.joinCode).toMatch(/^\d{6}$/);
    const wang = await buildMemberUser(env, s.group, '王强');
    const li = await buildMemberUser(env, s.one, '李娜');
    const zhao = await buildMemberUser(env, s.two, '赵刚');

    // Draft: not visible to phones yet.
    expect((await wang.api.post('/api/v1/competitions/my/join', { code: quiz.joinCode })).statusCode).toBe(404);
    expect((await s.host.post(`/api/v1/competitions/${quiz.id}/next`)).statusCode).toBe(409);
    expect((await s.host.post(`/api/v1/competitions/${quiz.id}/open`)).statusCode).toBe(200);
    const joined = json<{ competitionId: number; branchName: string }>(
      await wang.api.post('/api/v1/competitions/my/join', { code: quiz.joinCode }),
    );
    // A member of a 党小组 counts for the branch above it.
    expect(joined).toMatchObject({ competitionId: quiz.id, branchName: '综采一队党支部' });
    expect((await wang.api.post(`/api/v1/competitions/my/${quiz.id}/join`)).statusCode).toBe(200);
    expect((await li.api.post(`/api/v1/competitions/my/${quiz.id}/join`)).statusCode).toBe(200);
    expect((await zhao.api.post('/api/v1/competitions/my/join', { code: quiz.joinCode })).statusCode).toBe(200);
    expect(await env.db.select().from(competitionPlayers).where(eq(competitionPlayers.competitionId, quiz.id))).toHaveLength(3);
    const list = json<{ id: number; joined: boolean }[]>(await li.api.get('/api/v1/competitions/my'));
    expect(list.find((c) => c.id === quiz.id)).toMatchObject({ joined: true });

    // Question 1 pushed: answers by the server clock.
    const answer = (p: typeof wang, position: number, keys: string[]) =>
      p.api.post(`/api/v1/competitions/my/${quiz.id}/answers`, { position, keys });
    expect(json<Err>(await answer(wang, 1, ['B'])).message).toBe('第 1 题尚未推送，不能作答');
    expect((await s.host.post(`/api/v1/competitions/${quiz.id}/next`)).statusCode).toBe(200);
    env.clock.advance(3_000);
    expect((await answer(wang, 1, ['B'])).statusCode).toBe(200);
    env.clock.advance(2_000);
    expect((await answer(li, 1, ['B'])).statusCode).toBe(200);
    expect((await answer(zhao, 1, ['A'])).statusCode).toBe(200);
    // The same answer again (a retry) returns the first; a different one is refused.
    const retry = json<{ replay: boolean; elapsedMs: number }>(await answer(wang, 1, ['B']));
    expect(retry).toMatchObject({ replay: true, elapsedMs: 3_000 });
    const second = await answer(wang, 1, ['C']);
    expect(second.statusCode).toBe(409);
    expect(json<Err>(second).message).toBe('第 1 题已作答，每题只能作答一次');
    expect(json<Err>(await answer(li, 2, ['true'])).message).toBe('第 2 题尚未推送，不能作答');
    expect(json<Err>(await answer(li, 1, ['Z'])).details).toEqual([{ path: 'keys', message: '选项 Z 不在本题的选项中' }]);
    // The host cannot push the next question while the countdown runs.
    expect(json<Err>(await s.host.post(`/api/v1/competitions/${quiz.id}/next`)).message).toMatch(/^第 1 题倒计时尚未结束/);

    // The phone's state: the current question without its answer until the countdown is over.
    const during = json<{ state: { question: { rightKeys: string[] | null; answers: number } }; myAnswer: { correct: boolean | null } }>(
      await wang.api.get(`/api/v1/competitions/my/${quiz.id}`),
    );
    expect(during.state.question).toMatchObject({ rightKeys: null, answers: 3 });
    expect(during.myAnswer).toMatchObject({ correct: null });

    // Question 2: exactly at the end still counts, 1 ms later does not.
    env.clock.advance(16_000);
    expect((await s.host.post(`/api/v1/competitions/${quiz.id}/next`)).statusCode).toBe(200);
    env.clock.advance(20_000);
    expect((await answer(zhao, 2, ['false'])).statusCode).toBe(200);
    env.clock.advance(1);
    const late = await answer(li, 2, ['false']);
    expect(late.statusCode).toBe(409);
    expect(json<Err>(late).message).toBe('第 2 题作答时间已到（倒计时 20 秒），本次作答不计分');
    const after = json<{ state: { question: { rightKeys: string[] } }; myAnswer: { correct: boolean } }>(
      await zhao.api.get(`/api/v1/competitions/my/${quiz.id}`),
    );
    expect(after.state.question.rightKeys).toEqual(['false']);
    expect(after.myAnswer.correct).toBe(true);

    // Leaderboard: 王强 1 right in 3 s; 李娜 1 right in 5 s; 赵刚 1 right in 20 s → by time.
    const board = json<Board>(await s.host.get(`/api/v1/competitions/${quiz.id}/leaderboard`));
    expect(board.players.map((p) => [p.name, p.rank, p.correct, p.timeMs])).toEqual([
      ['王强', 1, 1, 3_000],
      ['李娜', 2, 1, 5_000],
      ['赵刚', 3, 1, 20_000],
    ]);
    expect(board.branches.map((b) => [b.branchName, b.players, b.rank])).toEqual([
      ['综采一队党支部', 2, 1],
      ['掘进二队党支部', 1, 2],
    ]);
    expect(board.answers).toBe(4);
    expect(await env.db.select().from(competitionAnswers).where(eq(competitionAnswers.competitionId, quiz.id))).toHaveLength(4);

    // The stream (as a snapshot) carries the same board and the phone's own row.
    const snap = await wang.api.get(`/api/v1/competitions/my/${quiz.id}/stream?once=true`);
    expect(snap.headers['content-type']).toContain('text/event-stream');
    const data = JSON.parse(
      snap.body
        .split('\n')
        .find((l) => l.startsWith('data: '))
        ?.slice(6) ?? '{}',
    );
    expect(data.state.top.map((p: { name: string }) => p.name)).toEqual(['王强', '李娜', '赵刚']);
    expect(data.me).toMatchObject({ name: '王强', rank: 1 });
    const hostSnap = await s.host.get(`/api/v1/competitions/${quiz.id}/stream?once=true`);
    expect(hostSnap.body).toContain('event: state');

    // Finish: no answer counts afterwards; each participant gets points once.
    expect((await s.host.post(`/api/v1/competitions/${quiz.id}/finish`)).statusCode).toBe(200);
    expect(json<Err>(await s.host.post(`/api/v1/competitions/${quiz.id}/finish`)).message).toBe('竞赛已结束');
    expect((await s.host.post(`/api/v1/competitions/${quiz.id}/next`)).statusCode).toBe(409);
    expect((await answer(li, 3, ['A', 'B', 'C'])).statusCode).toBe(409);
    const points = await env.db.select().from(pointEntries).where(eq(pointEntries.activity, 'competition'));
    expect(points.filter((p) => p.sourceKey.startsWith(`competition:${quiz.id}:`))).toHaveLength(3);
    const audits = await env.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(quiz.id)));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['competition.create', 'competition.open', 'competition.push', 'competition.finish']),
    );

    // Excel: three sheets with the ranking.
    const xlsx = await s.host.get(`/api/v1/competitions/${quiz.id}/results.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['个人排名', '支部排名', '试题']);
    expect(wb.getWorksheet('个人排名')?.getRow(2).values).toEqual([undefined, 1, '王强', '综采一队党支部', 1, 3, 1]);
  });

  it('keeps the question version it was given: editing the bank later changes nothing', async () => {
    const s = await setup();
    const quiz = await liveQuiz(s);
    const edit = await s.host.patch(`/api/v1/learning/questions/${s.qs[0].id}`, { stem: '改过的题干' });
    expect(edit.statusCode, edit.body).toBe(200);
    const detail = json<{ questions: { stem: string }[] }>(await s.host.get(`/api/v1/competitions/${quiz.id}`));
    expect(detail.questions[0].stem).toBe('入井必须携带？');
  });

  it('refuses bad questions with the row named; nothing is written', async () => {
    const s = await setup();
    const fill = await addQuestion(env, s.committee, { type: 'fill', answer: { blanks: [['顶']] } });
    const elsewhere = await addQuestion(env, await env.buildOrg(), {});
    const res = await s.host.post('/api/v1/competitions', {
      orgId: s.committee.id,
      kind: 'live',
      title: '竞赛',
      questionIds: [s.qs[0].id, fill.id, elsewhere.id],
      secondsPerQuestion: 20,
    });
    expect(res.statusCode).toBe(400);
    expect(json<Err>(res).details).toEqual([
      { path: 'questionIds.1', message: '第 2 题是填空题，竞赛只能用单选题、多选题、判断题' },
      { path: 'questionIds.2', message: '第 3 题不在东山矿党委可用的题库中（或已停用）' },
    ]);
    const missing = await s.host.post('/api/v1/competitions', {
      orgId: s.committee.id,
      kind: 'live',
      title: '竞赛',
      questionIds: [s.qs[0].id],
    });
    expect(json<Err>(missing).details).toEqual([{ path: 'secondsPerQuestion', message: '现场竞赛请填写每题倒计时' }]);
    expect(json<{ total: number }>(await s.host.get('/api/v1/competitions')).total).toBe(0);
  });

  it('a member outside the org’s subtree cannot join, see or answer it (404)', async () => {
    const s = await setup();
    const quiz = await liveQuiz(s);
    await s.host.post(`/api/v1/competitions/${quiz.id}/open`);
    const stranger = await buildMemberUser(env, await env.buildOrg(), '外人');
    expect((await stranger.api.post('/api/v1/competitions/my/join', { code: quiz.joinCode })).statusCode).toBe(404);
    expect((await stranger.api.post(`/api/v1/competitions/my/${quiz.id}/join`)).statusCode).toBe(404);
    expect((await stranger.api.get(`/api/v1/competitions/my/${quiz.id}`)).statusCode).toBe(404);
    expect(json<{ id: number }[]>(await stranger.api.get('/api/v1/competitions/my')).map((c) => c.id)).not.toContain(quiz.id);
    expect(await env.db.select().from(competitionPlayers).where(eq(competitionPlayers.competitionId, quiz.id))).toEqual([]);
    expect(json<Err>(await stranger.api.post('/api/v1/competitions/my/join', { code: '12' })).details?.[0].path).toBe('code');
  });

  it('deleting: a running quiz must be ended first; deleted ones are gone', async () => {
    const s = await setup();
    const quiz = await liveQuiz(s);
    await s.host.post(`/api/v1/competitions/${quiz.id}/open`);
    await s.host.post(`/api/v1/competitions/${quiz.id}/next`);
    expect(json<Err>(await s.host.delete(`/api/v1/competitions/${quiz.id}`)).message).toBe('竞赛正在进行，请先结束再删除');
    await s.host.post(`/api/v1/competitions/${quiz.id}/finish`);
    expect((await s.host.delete(`/api/v1/competitions/${quiz.id}`)).statusCode).toBe(200);
    expect((await s.host.get(`/api/v1/competitions/${quiz.id}`)).statusCode).toBe(404);
  });
});

describe('weekly challenge', () => {
  async function challenge(s: Awaited<ReturnType<typeof setup>>, limit = 300) {
    const now = env.clock.now().getTime();
    const res = await s.host.post('/api/v1/competitions', {
      orgId: s.committee.id,
      kind: 'challenge',
      title: '每周安全挑战',
      questionIds: s.qs.map((q) => q.id),
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 7 * 86_400_000).toISOString(),
      timeLimitSeconds: limit,
    });
    expect(res.statusCode, res.body).toBe(200);
    return json<{ id: number; status: string }>(res);
  }

  it('each member answers once, server-timed; ranking by right answers then time; a second or late submission counts nothing', async () => {
    const s = await setup();
    const ch = await challenge(s);
    expect(ch.status).toBe('open');
    const wang = await buildMemberUser(env, s.one, '王强');
    const li = await buildMemberUser(env, s.two, '李娜');
    const zhao = await buildMemberUser(env, s.two, '赵刚');
    const base = `/api/v1/competitions/my/${ch.id}`;
    const allRight = [
      { position: 1, keys: ['B'] },
      { position: 2, keys: ['false'] },
      { position: 3, keys: ['A', 'B', 'C'] },
    ];
    // Submitting before starting is refused.
    expect(json<Err>(await wang.api.post(`${base}/submit`, { answers: allRight })).message).toBe('请先开始挑战');

    const started = json<{ challenge: { questions: { stem: string; rightKeys: null }[]; deadlineAt: string } }>(
      await wang.api.post(`${base}/start`),
    );
    expect(started.challenge.questions).toHaveLength(3);
    expect(started.challenge.questions[0].rightKeys).toBeNull();
    await li.api.post(`${base}/start`);
    await zhao.api.post(`${base}/start`);
    env.clock.advance(40_000);
    const bad = await wang.api.post(`${base}/submit`, { answers: [{ position: 9, keys: ['A'] }] });
    expect(json<Err>(bad).details).toEqual([{ path: 'answers.0.position', message: '第 9 题不在本次挑战中' }]);
    const done = json<{ challenge: { result: { correct: number; durationMs: number; rank: number } } }>(
      await wang.api.post(`${base}/submit`, { answers: allRight }),
    );
    expect(done.challenge.result).toEqual({ correct: 3, durationMs: 40_000, rank: 1, of: 1 });
    const twice = await wang.api.post(`${base}/submit`, { answers: allRight });
    expect(twice.statusCode).toBe(409);
    expect(json<Err>(twice).message).toBe('您已提交过本次挑战，每人只能提交一次，本次提交不计分');
    env.clock.advance(10_000);
    await li.api.post(`${base}/submit`, { answers: allRight.slice(0, 2) });
    // 赵刚 is past his 5-minute limit.
    env.clock.advance(300_000);
    const late = await zhao.api.post(`${base}/submit`, { answers: allRight });
    expect(json<Err>(late).message).toBe('答题时间已到（限时 5 分钟），本次提交不计分');

    const board = json<Board>(await s.host.get(`/api/v1/competitions/${ch.id}/leaderboard`));
    expect(board.players.map((p) => [p.name, p.rank, p.correct])).toEqual([
      ['王强', 1, 3],
      ['李娜', 2, 2],
    ]);
    expect(board.branches.map((b) => b.branchName)).toEqual(['综采一队党支部', '掘进二队党支部']);
    const answers = await env.db.select().from(competitionAnswers).where(eq(competitionAnswers.competitionId, ch.id));
    expect(answers).toHaveLength(5);
    const pts = await env.db.select().from(pointEntries).where(eq(pointEntries.activity, 'challenge'));
    expect(pts.filter((p) => p.sourceKey.startsWith(`competition:${ch.id}:`))).toHaveLength(2);

    // After the close, nobody can start; the host sees it finished.
    env.clock.advance(8 * 86_400_000);
    const newcomer = await buildMemberUser(env, s.one, '钱进');
    expect(json<Err>(await newcomer.api.post(`${base}/start`)).message).toBe('挑战已截止');
    // (a fresh session: the clock moved past the host's session timeout)
    const host = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: s.committee.id }] }));
    const list = json<{ items: { id: number; status: string }[] }>(await host.get('/api/v1/competitions?kind=challenge'));
    expect(list.items.find((c) => c.id === ch.id)?.status).toBe('finished');
  });
});
