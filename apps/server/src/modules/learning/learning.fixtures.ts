import type { QuestionAnswer, QuestionOption } from '@vanguard/shared';
import { eq } from 'drizzle-orm';
import type { TestEnv } from '../../../test/harness.js';
import { learningExamItems, learningExams, learningQuestions, learningQuestionVersions } from '../../db/schema/index.js';

type OrgRef = { id: number; path: string };

/** A member record linked to a login with the member role (the phone portal's user). */
export async function buildMemberUser(env: TestEnv, org: OrgRef, name = '张伟') {
  const { memberId, user } = await env.buildMemberUser({ org, name });
  return { memberId, user, api: await env.as(user) };
}

const ABCD: QuestionOption[] = ['A', 'B', 'C', 'D'].map((key) => ({ key, text: `选项${key}` }));

/** A question with its first version written directly (right answer B unless told). */
export async function addQuestion(
  env: TestEnv,
  org: OrgRef,
  o: { category?: string; difficulty?: number; type?: string; stem?: string; answer?: QuestionAnswer; options?: QuestionOption[] } = {},
) {
  const type = o.type ?? 'single';
  const [q] = await env.db
    .insert(learningQuestions)
    .values({ orgId: org.id, orgPath: org.path, type, category: o.category ?? '安全生产', difficulty: o.difficulty ?? 2 })
    .returning();
  const options =
    type === 'judge'
      ? [
          { key: 'true', text: '正确' },
          { key: 'false', text: '错误' },
        ]
      : type === 'fill' || type === 'short'
        ? []
        : (o.options ?? ABCD);
  const [v] = await env.db
    .insert(learningQuestionVersions)
    .values({
      questionId: q.id,
      version: 1,
      stem: o.stem ?? `试题${q.id}`,
      options,
      answer: o.answer ?? (type === 'judge' ? { keys: ['true'] } : { keys: ['B'] }),
    })
    .returning();
  await env.db.update(learningQuestions).set({ currentVersionId: v.id }).where(eq(learningQuestions.id, q.id));
  return { ...q, currentVersionId: v.id };
}

/** A published exam written directly: a fixed paper of the given questions (points each) or random rules. */
export async function addExam(
  env: TestEnv,
  org: OrgRef,
  o: {
    questionIds?: number[];
    points?: number;
    drawRules?: { category: string; difficulty: number | null; count: number; points: number }[];
    opensAt?: Date;
    closesAt?: Date;
    timeLimitMinutes?: number | null;
    maxAttempts?: number;
    gradingPolicy?: string;
    reviewRule?: string;
    status?: string;
    passScore?: number;
    offlineAllowed?: boolean;
  } = {},
) {
  const now = env.clock.now();
  const [exam] = await env.db
    .insert(learningExams)
    .values({
      orgId: org.id,
      orgPath: org.path,
      title: '安全知识测试',
      mode: o.drawRules ? 'random' : 'fixed',
      drawRules: o.drawRules ?? [],
      opensAt: o.opensAt ?? new Date(now.getTime() - 3_600_000),
      closesAt: o.closesAt ?? new Date(now.getTime() + 7 * 86_400_000),
      timeLimitMinutes: o.timeLimitMinutes === undefined ? 30 : o.timeLimitMinutes,
      maxAttempts: o.maxAttempts ?? 1,
      gradingPolicy: o.gradingPolicy ?? 'highest',
      reviewRule: o.reviewRule ?? 'immediately',
      status: o.status ?? 'published',
      passScore: o.passScore ?? 60,
      offlineAllowed: o.offlineAllowed ?? false,
      publishedAt: now,
    })
    .returning();
  if (o.questionIds?.length)
    await env.db
      .insert(learningExamItems)
      .values(o.questionIds.map((questionId, i) => ({ examId: exam.id, questionId, position: i + 1, points: o.points ?? 10 })));
  return exam;
}
