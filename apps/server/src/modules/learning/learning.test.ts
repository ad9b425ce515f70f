import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Caller, createTestEnv, json, multipart, type TestEnv } from '../../../test/harness.js';
import {
  auditLog,
  learningAttemptItems,
  learningAttempts,
  learningQuestions,
  learningQuestionVersions,
  pointEntries,
} from '../../db/schema/index.js';
import { forgetPaper } from './answer-save.js';
import { addExam, addQuestion, buildMemberUser } from './learning.fixtures.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

type Err = { code: string; message: string; details: { path: string; message: string }[] };
type AttemptView = {
  id: number;
  status: string;
  score: number | null;
  maxScore: number;
  deadlineAt: string;
  serverNow: string;
  endedBy: string | null;
  questions: {
    questionId: number;
    type: string;
    stem: string;
    options: { key: string; text: string }[];
    response: unknown;
    points: number;
  }[];
};
const put = (api: Caller, url: string, payload: unknown) => api.inject({ method: 'PUT', url, payload: payload as object });
const T0 = '2026-03-02T09:00:00+08:00';

async function tree() {
  env.clock.set(T0);
  const committee = await env.buildOrg({ kind: 'committee', category: 'leading', name: '东山矿党委' });
  const branch = await env.buildOrg({ parent: committee, name: '综采一队党支部' });
  const sibling = await env.buildOrg({ parent: committee, name: '掘进二队党支部' });
  const admin = await env.as(await env.buildUser({ roles: [{ role: 'org_admin', orgId: committee.id }] }));
  const secretary = await env.as(await env.buildUser({ roles: [{ role: 'branch_secretary', orgId: branch.id }] }));
  return { committee, branch, sibling, admin, secretary };
}

const start = async (api: Caller, examId: number) => {
  const res = await api.post(`/api/v1/learning/my/exams/${examId}/attempts`);
  expect(res.statusCode, res.body).toBe(200);
  return json<AttemptView>(res);
};

describe('question bank', () => {
  it('creates each type; refuses a question with no right option, naming the field; nothing written', async () => {
    const { branch, secretary } = await tree();
    const base = { orgId: branch.id, category: '安全生产', difficulty: 2 };
    const ok = [
      {
        ...base,
        type: 'single',
        stem: '井下发现瓦斯超限应首先？',
        options: [
          { key: 'A', text: '继续作业' },
          { key: 'B', text: '停止作业撤人' },
        ],
        answer: { keys: ['B'] },
      },
      {
        ...base,
        type: 'multiple',
        stem: '“三违”包括？',
        options: ['违章指挥', '违章作业', '违反劳动纪律', '加班'].map((text, i) => ({ key: 'ABCD'[i], text })),
        answer: { keys: ['A', 'B', 'C'] },
      },
      { ...base, type: 'judge', stem: '入井必须携带自救器。', answer: { keys: ['true'] }, tags: ['入井'] },
      { ...base, type: 'fill', stem: '安全生产方针：安全第一、____为主、综合治理。', answer: { blanks: [['预防']] } },
      { ...base, type: 'short', stem: '简述敲帮问顶的要领。', answer: { reference: '由外向里、先顶后帮' }, difficulty: 3 },
    ];
    for (const body of ok) {
      const res = await secretary.post('/api/v1/learning/questions', body);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ version: 1, orgName: '综采一队党支部', category: '安全生产' });
    }
    const judge = (await secretary.get(`/api/v1/learning/questions?orgId=${branch.id}&type=judge`)).json();
    expect(judge.items[0].options).toEqual([
      { key: 'true', text: '正确' },
      { key: 'false', text: '错误' },
    ]);
    expect((await secretary.get(`/api/v1/learning/questions?orgId=${branch.id}&tag=入井`)).json().total).toBe(1);
    expect((await secretary.get(`/api/v1/learning/questions?orgId=${branch.id}&difficulty=3`)).json().total).toBe(1);
    expect((await secretary.get(`/api/v1/learning/questions?orgId=${branch.id}&q=瓦斯`)).json().total).toBe(1);

    const count = async () => (await env.db.select().from(learningQuestions).where(eq(learningQuestions.orgId, branch.id))).length;
    const noRight = await secretary.post('/api/v1/learning/questions', { ...ok[0], answer: { keys: [] } });
    expect(noRight.statusCode).toBe(400);
    expect(json<Err>(noRight).details).toEqual([{ path: 'answer', message: '没有正确选项：请至少标出一个正确答案' }]);
    const badDifficulty = await secretary.post('/api/v1/learning/questions', { ...ok[0], difficulty: 4 });
    expect(json<Err>(badDifficulty).details.map((d) => d.path)).toEqual(['difficulty']);
    const singleTwo = await secretary.post('/api/v1/learning/questions', { ...ok[0], answer: { keys: ['A', 'B'] } });
    expect(json<Err>(singleTwo).details[0].message).toBe('单选题只能有一个正确选项');
    expect(await count()).toBe(5);
  });

  it('editing the content makes a new version; a past attempt keeps the version it was given', async () => {
    const { branch, secretary } = await tree();
    const created = json<{ id: number }>(
      await secretary.post('/api/v1/learning/questions', {
        orgId: branch.id,
        type: 'single',
        category: '党史',
        difficulty: 1,
        stem: '中国共产党第一次全国代表大会在哪一年召开？',
        options: [
          { key: 'A', text: '1919' },
          { key: 'B', text: '1921' },
        ],
        answer: { keys: ['B'] },
      }),
    );
    const exam = await addExam(env, branch, { questionIds: [created.id], reviewRule: 'immediately' });
    const m = await buildMemberUser(env, branch);
    const a = await start(m.api, exam.id);
    await put(m.api, `/api/v1/learning/my/attempts/${a.id}/answers/${created.id}`, { response: { keys: ['B'] } });
    expect((await m.api.post(`/api/v1/learning/my/attempts/${a.id}/submit`)).json()).toMatchObject({ status: 'graded', score: 10 });
    const itemBefore = (await env.db.select().from(learningAttemptItems).where(eq(learningAttemptItems.attemptId, a.id)))[0];

    // The right answer changes (a correction): version 2; the tag-only change stays on version 2.
    const edited = await secretary.patch(`/api/v1/learning/questions/${created.id}`, {
      stem: '中共一大在哪一年召开？',
      options: [
        { key: 'A', text: '1921' },
        { key: 'B', text: '1927' },
      ],
      answer: { keys: ['A'] },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, stem: '中共一大在哪一年召开？' });
    expect(edited.json().versions.map((v: { version: number; usedInAttempts: number }) => [v.version, v.usedInAttempts])).toEqual([
      [2, 0],
      [1, 1],
    ]);
    expect((await secretary.patch(`/api/v1/learning/questions/${created.id}`, { tags: ['一大'] })).json().version).toBe(2);
    const refused = await secretary.patch(`/api/v1/learning/questions/${created.id}`, { answer: { keys: [] } });
    expect(refused.statusCode).toBe(400);
    expect((await env.db.select().from(learningQuestionVersions).where(eq(learningQuestionVersions.questionId, created.id))).length).toBe(
      2,
    );

    // The past attempt is untouched, and its review shows the version it was given.
    const itemAfter = (await env.db.select().from(learningAttemptItems).where(eq(learningAttemptItems.attemptId, a.id)))[0];
    expect(itemAfter).toEqual(itemBefore);
    const review = (await m.api.get(`/api/v1/learning/my/attempts/${a.id}/review`)).json();
    expect(review.questions[0].stem).toBe('中国共产党第一次全国代表大会在哪一年召开？');
    expect(review.items[0]).toMatchObject({ answer: { keys: ['B'] }, correct: true, awarded: 10 });
    expect(review.score).toBe(10);

    // A new attempt at a new exam gets version 2.
    const exam2 = await addExam(env, branch, { questionIds: [created.id] });
    const a2 = await start(m.api, exam2.id);
    expect(a2.questions[0].stem).toBe('中共一大在哪一年召开？');

    // Delete = retire: kept for the past, never drawn or put on a paper again.
    expect((await secretary.delete(`/api/v1/learning/questions/${created.id}`)).json().retired).toBe(true);
    expect((await secretary.get(`/api/v1/learning/questions?orgId=${branch.id}`)).json().total).toBe(0);
    expect((await secretary.get(`/api/v1/learning/questions?orgId=${branch.id}&includeRetired=true`)).json().total).toBe(1);
    const paper = await secretary.post('/api/v1/learning/exams', {
      orgId: branch.id,
      mode: 'fixed',
      title: '党史测验',
      opensAt: T0,
      closesAt: '2026-03-09T09:00:00+08:00',
      items: [{ questionId: created.id, points: 10 }],
    });
    expect(json<Err>(paper).details).toEqual([{ path: 'items.0.questionId', message: '第 1 题不在本组织或上级的题库中（或已删除）' }]);
    const audits = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'learning_question'), eq(auditLog.entityId, String(created.id))));
    expect(audits.map((x) => x.action)).toEqual([
      'learning_question.create',
      'learning_question.update',
      'learning_question.update',
      'learning_question.retire',
    ]);
  });
});

describe('Excel import of questions', () => {
  async function file(rows: (string | number)[][]) {
    // The template's header row, then the rows under test.
    const template = new ExcelJS.Workbook();
    await template.xlsx.load((await (await import('./questions.import.js')).questionTemplate()) as unknown as ArrayBuffer);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('试题');
    ws.addRow((template.worksheets[0].getRow(1).values as string[]).slice(1));
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const good: (string | number)[][] = [
    ['单选', '安全生产', '易', '入井必须随身携带？', '手机', '自救器', '打火机', '', '', '', 'B', '入井，安全', ''],
    ['多选题', '廉政', 2, '下列属于违反廉洁纪律的有？', '违规收礼', '公款吃喝', '按时交党费', '', '', '', 'A,B', '', '解析'],
    ['判断', '党史', '1', '南昌起义打响了第一枪。', '', '', '', '', '', '', '正确', '', ''],
    ['填空', '安全生产', '难', '安全第一、____为主、____治理。', '', '', '', '', '', '', '预防；综合/综合治理', '', ''],
    ['简答', '党史', '中', '简述红船精神。', '', '', '', '', '', '', '首创、奋斗、奉献', '', ''],
  ];

  it('imports every row as version 1, or nothing with one detail per wrong row and column', async () => {
    const { branch, secretary } = await tree();
    const count = async () => (await env.db.select().from(learningQuestions).where(eq(learningQuestions.orgId, branch.id))).length;
    const url = `/api/v1/learning/questions/import?orgId=${branch.id}`;
    const bad = await secretary.inject({
      method: 'POST',
      url,
      ...multipart(
        '试题.xlsx',
        await file([
          ...good,
          ['单选', '安全生产', '易', '没有正确选项的题', '甲', '乙', '', '', '', '', '', '', ''],
          ['问答', '', '极难', '题', '', '', '', '', '', '', '', '', ''],
        ]),
      ),
    });
    expect(bad.statusCode).toBe(400);
    const details = json<{ details: { row: number; column: string; message: string }[] }>(bad).details;
    expect(details.map((d) => [d.row, d.column])).toEqual([
      [7, '答案'],
      [8, '题型'],
      [8, '分类'],
      [8, '难度'],
    ]);
    expect(details[0].message).toBe('第 7 行“答案”：没有正确选项：请至少标出一个正确答案');
    expect(json<Err>(bad).message).toBe('第 7 行“答案”：没有正确选项：请至少标出一个正确答案（共 4 处错误，未写入任何试题）');
    expect(await count()).toBe(0);

    const ok = await secretary.inject({ method: 'POST', url, ...multipart('试题.xlsx', await file(good)) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ imported: 5 });
    const list = (await secretary.get(`/api/v1/learning/questions?orgId=${branch.id}&pageSize=50`)).json();
    const byStem = new Map(list.items.map((q: { stem: string }) => [q.stem, q]));
    expect(byStem.get('入井必须随身携带？')).toMatchObject({
      type: 'single',
      difficulty: 1,
      answer: { keys: ['B'] },
      tags: ['入井', '安全'],
      version: 1,
    });
    expect(byStem.get('下列属于违反廉洁纪律的有？')).toMatchObject({ type: 'multiple', answer: { keys: ['A', 'B'] }, explanation: '解析' });
    expect(byStem.get('南昌起义打响了第一枪。')).toMatchObject({ type: 'judge', answer: { keys: ['true'] } });
    expect(byStem.get('安全第一、____为主、____治理。')).toMatchObject({
      difficulty: 3,
      answer: { blanks: [['预防'], ['综合', '综合治理']] },
    });
    expect(byStem.get('简述红船精神。')).toMatchObject({ type: 'short', answer: { reference: '首创、奋斗、奉献' } });
  });
});

describe('random draw exams', () => {
  it('each attempt draws its own questions by category and difficulty, never repeating one, options shuffled', async () => {
    const { committee, branch, admin } = await tree();
    // The committee bank: 党史 6 easy + 4 hard, 安全生产 5 medium (with 4 options each).
    for (let i = 0; i < 6; i++) await addQuestion(env, committee, { category: '党史', difficulty: 1 });
    for (let i = 0; i < 4; i++) await addQuestion(env, committee, { category: '党史', difficulty: 3 });
    for (let i = 0; i < 5; i++) await addQuestion(env, committee, { category: '安全生产', difficulty: 2 });
    const body = {
      orgId: branch.id,
      mode: 'random',
      title: '三月安全与党史测试',
      opensAt: T0,
      closesAt: '2026-03-09T09:00:00+08:00',
      timeLimitMinutes: 30,
      drawRules: [
        { category: '党史', difficulty: 3, count: 2, points: 5 },
        { category: '党史', difficulty: null, count: 3, points: 2 },
        { category: '安全生产', difficulty: 2, count: 4, points: 3 },
      ],
    };
    const tooMany = await admin.post('/api/v1/learning/exams', {
      ...body,
      drawRules: [...body.drawRules, { category: '廉政', difficulty: 2, count: 1, points: 1 }],
    });
    expect(json<Err>(tooMany).details).toEqual([{ path: 'drawRules.3.count', message: '题库中“廉政·中”的可用试题只有 0 道，不够抽 1 道' }]);
    const created = await admin.post('/api/v1/learning/exams', body);
    expect(created.statusCode, created.body).toBe(200);
    const exam = created.json();
    expect(exam).toMatchObject({ status: 'draft', questionCount: 9, maxScore: 2 * 5 + 3 * 2 + 4 * 3 });
    const m0 = await buildMemberUser(env, branch);
    expect((await m0.api.get(`/api/v1/learning/my/exams/${exam.id}`)).statusCode).toBe(404); // a draft is not there yet
    expect((await admin.post(`/api/v1/learning/exams/${exam.id}/publish`)).json().status).toBe('published');
    expect((await admin.post(`/api/v1/learning/exams/${exam.id}/publish`)).statusCode).toBe(409);

    const cat = new Map(
      (await env.db.select().from(learningQuestions).where(eq(learningQuestions.orgId, committee.id))).map((q) => [q.id, q]),
    );
    const draws = new Set<string>();
    const orders = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const m = await buildMemberUser(env, branch);
      const a = await start(m.api, exam.id);
      const ids = a.questions.map((q) => q.questionId);
      expect(new Set(ids).size).toBe(9);
      const qs = ids.map((id) => cat.get(id));
      expect(qs.filter((q) => q?.category === '党史' && q.difficulty === 3).length).toBeGreaterThanOrEqual(2);
      expect(qs.filter((q) => q?.category === '党史').length).toBe(5);
      expect(qs.filter((q) => q?.category === '安全生产' && q.difficulty === 2).length).toBe(4);
      expect(a.maxScore).toBe(28);
      draws.add([...ids].sort().join(','));
      orders.add(a.questions[0].options.map((o) => o.key).join(''));
      // The right answers never travel with the questions.
      expect(JSON.stringify(a)).not.toContain('"answer"');
      // Whatever a field is called: no value inside a question is its right answer.
      const answers = new Map(
        (await env.db.select().from(learningQuestionVersions).where(inArray(learningQuestionVersions.questionId, ids))).map((v) => [
          v.questionId,
          v.answer,
        ]),
      );
      const valuesIn = (x: unknown): unknown[] => (x && typeof x === 'object' ? Object.values(x).flatMap((v) => [v, ...valuesIn(v)]) : []);
      for (const q of a.questions) {
        expect(answers.get(q.questionId)).toBeDefined();
        expect(valuesIn(q)).not.toContainEqual(answers.get(q.questionId));
      }
    }
    expect(draws.size).toBeGreaterThan(1);
    expect(orders.size).toBeGreaterThan(1);
  });

  it('a member outside the audience (another branch) gets 404 and sees nothing', async () => {
    const { branch, sibling } = await tree();
    const q = await addQuestion(env, branch);
    const exam = await addExam(env, branch, { questionIds: [q.id] });
    const outsider = await buildMemberUser(env, sibling);
    expect((await outsider.api.get(`/api/v1/learning/my/exams/${exam.id}`)).statusCode).toBe(404);
    expect((await outsider.api.post(`/api/v1/learning/my/exams/${exam.id}/attempts`)).statusCode).toBe(404);
    expect((await outsider.api.get('/api/v1/learning/my/exams')).json()).toEqual([]);
    const insider = await buildMemberUser(env, branch);
    expect((await insider.api.get('/api/v1/learning/my/exams')).json().map((e: { id: number }) => e.id)).toEqual([exam.id]);
  });
});

describe('time, saving and submitting', () => {
  async function paper(o: Parameters<typeof addExam>[2] = {}) {
    const { branch, secretary } = await tree();
    const qs = [await addQuestion(env, branch), await addQuestion(env, branch), await addQuestion(env, branch, { type: 'judge' })];
    const exam = await addExam(env, branch, { questionIds: qs.map((q) => q.id), ...o });
    const m = await buildMemberUser(env, branch);
    return { branch, secretary, qs, exam, m };
  }
  const attemptRow = async (id: number) => (await env.db.select().from(learningAttempts).where(eq(learningAttempts.id, id)))[0];
  const itemsOf = (id: number) =>
    env.db.select().from(learningAttemptItems).where(eq(learningAttemptItems.attemptId, id)).orderBy(learningAttemptItems.id);

  it('the server holds the limit: saves after start + limit are refused, a late submit is graded as of the limit', async () => {
    const { qs, exam, m } = await paper({ timeLimitMinutes: 30 });
    const a = await start(m.api, exam.id);
    expect(new Date(a.deadlineAt).getTime() - new Date(a.serverNow).getTime()).toBe(30 * 60_000);
    const url = (q: number) => `/api/v1/learning/my/attempts/${a.id}/answers/${q}`;
    env.clock.advanceMinutes(10);
    expect((await put(m.api, url(qs[0].id), { response: { keys: ['B'] } })).statusCode).toBe(200);
    env.clock.advanceMinutes(20); // exactly at the limit: still in time
    expect((await put(m.api, url(qs[1].id), { response: { keys: ['B'] } })).statusCode).toBe(200);
    env.clock.advance(1000);
    const late = await put(m.api, url(qs[2].id), { response: { keys: ['true'] } });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toBe('答题时间已到，答案未保存');
    const res = await m.api.post(`/api/v1/learning/my/attempts/${a.id}/submit`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'graded', score: 20, maxScore: 30, endedBy: 'timeout' });
    expect((await attemptRow(a.id)).submittedAt?.toISOString()).toBe(a.deadlineAt);
  });

  it('an attempt left open is ended by the server as of its deadline (answers saved up to then count)', async () => {
    const { qs, exam, m } = await paper({ timeLimitMinutes: 20 });
    const a = await start(m.api, exam.id);
    await put(m.api, `/api/v1/learning/my/attempts/${a.id}/answers/${qs[2].id}`, { response: { keys: ['true'] } });
    env.clock.advanceMinutes(45);
    m.api = await env.as(m.user); // the session idled out meanwhile
    const view = (await m.api.get(`/api/v1/learning/my/exams/${exam.id}`)).json();
    expect(view.attempts[0]).toMatchObject({ status: 'graded', score: 10, endedBy: 'timeout', submittedAt: a.deadlineAt });
    expect(view.result).toBe(10);
  });

  it('submitting twice or after the close is refused and changes nothing', async () => {
    const { qs, exam, m } = await paper({ timeLimitMinutes: null, closesAt: new Date('2026-03-02T10:00:00+08:00') });
    const a = await start(m.api, exam.id);
    expect(a.deadlineAt).toBe('2026-03-02T02:00:00.000Z');
    await put(m.api, `/api/v1/learning/my/attempts/${a.id}/answers/${qs[0].id}`, { response: { keys: ['B'] } });
    env.clock.set('2026-03-02T10:00:00+08:00');
    m.api = await env.as(m.user);
    const before = { a: await attemptRow(a.id), i: await itemsOf(a.id) };
    const closed = await m.api.post(`/api/v1/learning/my/attempts/${a.id}/submit`);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().message).toContain('考试已结束');
    expect({ a: await attemptRow(a.id), i: await itemsOf(a.id) }).toEqual(before);
    expect((await m.api.post(`/api/v1/learning/my/exams/${exam.id}/attempts`)).statusCode).toBe(409);

    const p2 = await paper();
    const b = await start(p2.m.api, p2.exam.id);
    expect((await p2.m.api.post(`/api/v1/learning/my/attempts/${b.id}/submit`)).statusCode).toBe(200);
    const done = { a: await attemptRow(b.id), i: await itemsOf(b.id) };
    const twice = await p2.m.api.post(`/api/v1/learning/my/attempts/${b.id}/submit`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toBe('已交卷，不能重复提交');
    expect(
      (await put(p2.m.api, `/api/v1/learning/my/attempts/${b.id}/answers/${p2.qs[0].id}`, { response: { keys: ['B'] } })).statusCode,
    ).toBe(409);
    expect({ a: await attemptRow(b.id), i: await itemsOf(b.id) }).toEqual(done);
  });

  it('an answer save checks the paper the same whether this process remembers it or not (another node, a restart), and never for another login', async () => {
    const { branch, qs, exam, m } = await paper();
    const a = await start(m.api, exam.id); // loading the paper remembers its shapes
    const url = (q: number) => `/api/v1/learning/my/attempts/${a.id}/answers/${q}`;
    const other = await buildMemberUser(env, branch);
    for (const remembered of [true, false]) {
      if (!remembered) forgetPaper(a.id);
      expect((await put(m.api, url(qs[0].id), { response: { keys: ['C'] } })).statusCode).toBe(200);
      const badKey = await put(m.api, url(qs[0].id), { response: { keys: ['Z'] } });
      expect(json<Err>(badKey).details).toEqual([{ path: 'response', message: '所选选项不在本题中' }]);
      const two = await put(m.api, url(qs[0].id), { response: { keys: ['A', 'B'] } });
      expect(json<Err>(two).details).toEqual([{ path: 'response', message: '本题只能选一个答案' }]);
      // Another member of the branch: not found, whatever they send, and nothing written.
      expect((await put(other.api, url(qs[0].id), { response: { keys: ['Z'] } })).statusCode).toBe(404);
      expect((await put(other.api, url(qs[0].id), { response: { keys: ['B'] } })).statusCode).toBe(404);
      expect((await itemsOf(a.id)).find((i) => i.questionId === qs[0].id)?.response).toEqual({ keys: ['C'] });
    }
  });

  it('answers are idempotent (PUT; batch with Idempotency-Key); an answer to a question not in the attempt is refused, all or nothing', async () => {
    const { branch, qs, exam, m } = await paper();
    const a = await start(m.api, exam.id);
    const url = `/api/v1/learning/my/attempts/${a.id}/answers/${qs[0].id}`;
    expect((await put(m.api, url, { response: { keys: ['B'] } })).statusCode).toBe(200);
    const once = await itemsOf(a.id);
    expect((await put(m.api, url, { response: { keys: ['B'] } })).statusCode).toBe(200);
    expect((await itemsOf(a.id)).map((i) => i.response)).toEqual(once.map((i) => i.response));

    const stranger = await addQuestion(env, branch);
    const notIn = await put(m.api, `/api/v1/learning/my/attempts/${a.id}/answers/${stranger.id}`, { response: { keys: ['B'] } });
    expect(notIn.statusCode).toBe(400);
    expect(json<Err>(notIn).details).toEqual([{ path: 'questionId', message: '该题不在本次考试的试卷中' }]);
    const badKey = await put(m.api, url, { response: { keys: ['Z'] } });
    expect(json<Err>(badKey).details).toEqual([{ path: 'response', message: '所选选项不在本题中' }]);

    const batchUrl = `/api/v1/learning/my/attempts/${a.id}/answers`;
    const mixed = await m.api.inject({
      method: 'POST',
      url: batchUrl,
      headers: { 'idempotency-key': 'phone-outbox-0001' },
      payload: {
        answers: [
          { questionId: qs[1].id, response: { keys: ['B'] } },
          { questionId: stranger.id, response: { keys: ['A'] } },
        ],
      },
    });
    expect(mixed.statusCode).toBe(400);
    expect(json<Err>(mixed).details[0].path).toBe('answers.1.questionId');
    expect((await itemsOf(a.id)).find((i) => i.questionId === qs[1].id)?.response).toBeNull();

    const send = () =>
      m.api.inject({
        method: 'POST',
        url: batchUrl,
        headers: { 'idempotency-key': 'phone-outbox-0001' },
        payload: {
          answers: [
            { questionId: qs[1].id, response: { keys: ['B'] } },
            { questionId: qs[2].id, response: { keys: ['false'] } },
          ],
        },
      });
    const first = await send();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ saved: 2, replayed: false });
    env.clock.advanceMinutes(1);
    const replay = await send();
    expect(replay.json()).toMatchObject({ saved: 2, replayed: true, savedAt: first.json().savedAt });
    const res = (await m.api.post(`/api/v1/learning/my/attempts/${a.id}/submit`)).json();
    expect(res).toMatchObject({ status: 'graded', score: 20, endedBy: 'member' });
  });
});

describe('attempts, grading policies, hand grading, review rules, results and item analysis', () => {
  it.each([
    ['highest', 20],
    ['last', 10],
    ['first', 0],
    ['average', 10],
  ])('three attempts scoring 0, 20, 10 → %s gives %s', async (policy, want) => {
    const { branch, secretary } = await tree();
    const qs = [await addQuestion(env, branch), await addQuestion(env, branch)];
    const exam = await addExam(env, branch, {
      questionIds: qs.map((q) => q.id),
      maxAttempts: 3,
      gradingPolicy: policy,
      timeLimitMinutes: 10,
    });
    const m = await buildMemberUser(env, branch);
    for (const right of [0, 2, 1]) {
      const a = await start(m.api, exam.id);
      for (const q of qs.slice(0, right))
        await put(m.api, `/api/v1/learning/my/attempts/${a.id}/answers/${q.id}`, { response: { keys: ['B'] } });
      expect((await m.api.post(`/api/v1/learning/my/attempts/${a.id}/submit`)).statusCode).toBe(200);
      env.clock.advanceMinutes(1);
    }
    const fourth = await m.api.post(`/api/v1/learning/my/exams/${exam.id}/attempts`);
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json().message).toBe('本次考试最多可考 3 次，您已用完');
    expect((await m.api.get(`/api/v1/learning/my/exams/${exam.id}`)).json()).toMatchObject({ result: want });
    const results = (await secretary.get(`/api/v1/learning/exams/${exam.id}/results`)).json();
    expect(results.persons).toEqual([expect.objectContaining({ memberId: m.memberId, attempts: 3, scores: [0, 20, 10], result: want })]);
    expect((await m.api.get('/api/v1/learning/my/results')).json()[0]).toMatchObject({ examId: exam.id, result: want });
  });

  it('short answers wait for a person; the score is final once graded; review rules decide when answers are shown', async () => {
    const { branch, secretary } = await tree();
    const single = await addQuestion(env, branch);
    const short = await addQuestion(env, branch, { type: 'short', answer: { reference: '由外向里、先顶后帮' } });
    const closesAt = new Date('2026-03-05T18:00:00+08:00');
    const exam = await addExam(env, branch, { questionIds: [single.id, short.id], reviewRule: 'after_close', closesAt, passScore: 15 });
    const m = await buildMemberUser(env, branch);
    const a = await start(m.api, exam.id);
    const passBonus = async () =>
      (
        await env.db
          .select()
          .from(pointEntries)
          .where(eq(pointEntries.sourceKey, `exam:${exam.id}:member:${m.memberId}:passed`))
      ).length;
    await put(m.api, `/api/v1/learning/my/attempts/${a.id}/answers/${single.id}`, { response: { keys: ['B'] } });
    await put(m.api, `/api/v1/learning/my/attempts/${a.id}/answers/${short.id}`, { response: { texts: ['先顶后帮，由外向里'] } });
    const sub = (await m.api.post(`/api/v1/learning/my/attempts/${a.id}/submit`)).json();
    expect(sub).toMatchObject({ status: 'submitted', score: null });
    expect(await passBonus()).toBe(0);
    const closed = (await m.api.get(`/api/v1/learning/my/attempts/${a.id}/review`)).json();
    expect(closed).toMatchObject({ reviewOpen: false, items: [] });

    const queue = (await secretary.get(`/api/v1/learning/exams/${exam.id}/grading`)).json();
    expect(queue).toEqual([
      expect.objectContaining({ attemptId: a.id, text: '先顶后帮，由外向里', reference: '由外向里、先顶后帮', points: 10 }),
    ]);
    const over = await secretary.post(`/api/v1/learning/attempt-items/${queue[0].itemId}/grade`, { points: 11 });
    expect(json<Err>(over).details).toEqual([{ path: 'points', message: '本题满分 10 分，得分不能超过满分' }]);
    const graded = await secretary.post(`/api/v1/learning/attempt-items/${queue[0].itemId}/grade`, { points: 8, comment: '要点基本齐全' });
    expect(graded.json()).toMatchObject({ attemptStatus: 'graded', score: 18 });
    // 18 ≥ the pass score 15: the pass bonus comes with the last hand grade (not at submit, when the score was open), and a regrade adds none.
    expect(await passBonus()).toBe(1);
    expect(
      (await secretary.post(`/api/v1/learning/attempt-items/${queue[0].itemId}/grade`, { points: 8, comment: '要点基本齐全' })).json(),
    ).toMatchObject({
      score: 18,
    });
    expect(await passBonus()).toBe(1);
    expect((await secretary.get(`/api/v1/learning/exams/${exam.id}/grading`)).json()).toEqual([]);

    env.clock.set(closesAt);
    m.api = await env.as(m.user);
    const open = (await m.api.get(`/api/v1/learning/my/attempts/${a.id}/review`)).json();
    expect(open.reviewOpen).toBe(true);
    expect(open.items).toEqual([
      expect.objectContaining({ questionId: single.id, answer: { keys: ['B'] }, correct: true, awarded: 10 }),
      expect.objectContaining({
        questionId: short.id,
        answer: { reference: '由外向里、先顶后帮' },
        correct: false,
        awarded: 8,
        comment: '要点基本齐全',
      }),
    ]);

    const never = await addExam(env, branch, {
      questionIds: [single.id],
      reviewRule: 'never',
      closesAt: new Date('2026-03-09T18:00:00+08:00'),
    });
    const b = await start(m.api, never.id);
    await m.api.post(`/api/v1/learning/my/attempts/${b.id}/submit`);
    expect((await m.api.get(`/api/v1/learning/my/attempts/${b.id}/review`)).json()).toMatchObject({ reviewOpen: false, score: 0 });
  });

  it('results per person and per org, item analysis with the low-discrimination flag, Excel export', async () => {
    const { committee, branch, sibling, admin, secretary } = await tree();
    // q1 is answered right by the strong half only; q2 by everyone; q3 by nobody.
    const [q1, q2, q3] = [await addQuestion(env, committee), await addQuestion(env, committee), await addQuestion(env, committee)];
    const exam = await addExam(env, committee, { questionIds: [q1.id, q2.id, q3.id], passScore: 20 });
    const takers = [
      ...(await Promise.all([0, 1].map(() => buildMemberUser(env, branch)))),
      ...(await Promise.all([0, 1].map(() => buildMemberUser(env, sibling)))),
    ];
    await buildMemberUser(env, sibling); // in the audience, did not take it
    for (const [i, t] of takers.entries()) {
      const a = await start(t.api, exam.id);
      if (i < 2) await put(t.api, `/api/v1/learning/my/attempts/${a.id}/answers/${q1.id}`, { response: { keys: ['B'] } });
      await put(t.api, `/api/v1/learning/my/attempts/${a.id}/answers/${q2.id}`, { response: { keys: ['B'] } });
      await put(t.api, `/api/v1/learning/my/attempts/${a.id}/answers/${q3.id}`, { response: { keys: ['A'] } });
      await t.api.post(`/api/v1/learning/my/attempts/${a.id}/submit`);
    }
    const res = (await admin.get(`/api/v1/learning/exams/${exam.id}/results`)).json();
    expect(res.persons.map((p: { result: number }) => p.result)).toEqual([20, 20, 10, 10]);
    expect(res.orgs).toEqual([
      { orgId: branch.id, orgName: '综采一队党支部', audience: 2, takers: 2, participation: 1, average: 20, passRate: 1 },
      { orgId: sibling.id, orgName: '掘进二队党支部', audience: 3, takers: 2, participation: 0.667, average: 10, passRate: 0 },
    ]);
    // The branch secretary sees only the branch.
    expect((await secretary.get(`/api/v1/learning/exams/${exam.id}/results`)).statusCode).toBe(404);

    // n = 4 → groups of round(1.08) = 1: top = a branch taker (20), bottom = a sibling taker (10).
    const ana = (await admin.get(`/api/v1/learning/exams/${exam.id}/analysis`)).json();
    expect(ana.attempts).toBe(4);
    expect(
      ana.items.map((i: { questionId: number; facility: number; discrimination: number; flagged: boolean }) => [
        i.questionId,
        i.facility,
        i.discrimination,
        i.flagged,
      ]),
    ).toEqual([
      [q1.id, 0.5, 1, false],
      [q2.id, 1, 0, true],
      [q3.id, 0, 0, true],
    ]);

    const x = await admin.get(`/api/v1/learning/exams/${exam.id}/results.xlsx`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-disposition']).toContain(`exam-${exam.id}-results.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['成绩', '按组织', '试题分析']);
    expect(wb.getWorksheet('成绩')?.rowCount).toBe(5);
    expect(wb.getWorksheet('试题分析')?.getRow(3).getCell(8).value).toBe('区分度低于 0.2');
  });
});
