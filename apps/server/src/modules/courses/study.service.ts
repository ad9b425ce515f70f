import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  chinaDay,
  courseShare,
  creditHeartbeat,
  isCourseComplete,
  parseRange,
  CURRENT_COURSE_RULESET as RULES,
  requiredSeconds,
  secondsToHours,
  yearlyTargetHours,
} from '@vanguard/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { DbOrTx } from '../../db/client.js';
import { courseHeartbeats, courseMemberClocks, courseProgress, courseSessions, courses, files } from '../../db/schema/index.js';
import { COURSES } from '../../platform/access/gates.js';
import { findMyMember, loadOwn, myMember } from '../../platform/access/load.js';
import type { ActorCtx } from '../../platform/context.js';
import { notFound, validation } from '../../platform/errors.js';
import { awardStudySeconds } from '../points/index.js';
import { courseOpenTo, mayReadCourse } from './courses.policy.js';
import { type CourseRow, courseDto } from './courses.service.js';

/** A course as its audience reads it: anyone outside the audience is told so (404). */
export const AUDIENCE_COURSE = { ...COURSES, what: '该课程（不在您的学习范围内）' };

export const asRule = (c: CourseRow) => ({
  kind: c.kind as 'article' | 'pdf' | 'video',
  textLength: c.textLength,
  durationSeconds: c.durationSeconds,
  minSeconds: c.minSeconds,
});

export async function progressOf(db: DbOrTx, memberId: number, c: CourseRow) {
  const [p] = await db
    .select()
    .from(courseProgress)
    .where(and(eq(courseProgress.memberId, memberId), eq(courseProgress.courseId, c.id)));
  const creditedSeconds = p?.creditedSeconds ?? 0;
  const watchedSeconds = p?.watchedSeconds ?? 0;
  return {
    creditedSeconds,
    watchedSeconds,
    requiredSeconds: requiredSeconds(asRule(c), RULES),
    share: courseShare(asRule(c), { creditedSeconds, watchedSeconds }, RULES),
    completedAt: p?.completedAt?.toISOString() ?? null,
  };
}

/** Article images point to our uploads; for the reader they are served through the course. */
function readerBody(c: CourseRow): string {
  return c.bodyHtml.replace(/\/api\/v1\/files\/([0-9a-f-]{36})/g, `/api/v1/my/courses/${c.id}/images/$1`);
}

/** One course for the reader, with the study rules the page needs (heartbeat interval, idle time). */
export async function myCourse(ctx: ActorCtx, courseId: number) {
  const member = await myMember(ctx);
  const { row: course } = await loadOwn(ctx, AUDIENCE_COURSE, courseId, (c) => courseOpenTo(c, member.orgPath));
  const [f] = course.fileId ? await ctx.db.select({ name: files.name }).from(files).where(eq(files.id, course.fileId)) : [];
  return {
    course: { ...courseDto(course, '', f?.name ?? null), bodyHtml: readerBody(course) },
    progress: await progressOf(ctx.db, member.id, course),
    rules: {
      version: RULES.version,
      heartbeatSeconds: RULES.heartbeatSeconds,
      idleSeconds: RULES.idleSeconds,
      videoCompleteShare: RULES.videoCompleteShare,
    },
  };
}

/**
 * One heartbeat. Under the member's clock row lock: a key seen before counts nothing; the credited
 * time comes from `creditHeartbeat` (real elapsed time between accepted beats, never beyond
 * wall-clock time over all tabs); progress and completion are updated in the same transaction.
 */
export async function heartbeat(
  ctx: ActorCtx,
  courseId: number,
  input: { sessionId: string; key: string; clientTime: string; position?: number | null },
) {
  const now = ctx.now();
  const clientTime = new Date(input.clientTime).getTime();
  if (clientTime - now.getTime() > RULES.futureToleranceSeconds * 1000)
    throw validation([{ path: 'clientTime', message: '心跳时间晚于服务器时间（来自未来），已拒绝，未计时' }]);
  return ctx.db.transaction(async (tx) => {
    const member = await myMember(ctx, { db: tx });
    const { row: course } = await loadOwn(ctx, AUDIENCE_COURSE, courseId, (c) => courseOpenTo(c, member.orgPath), { db: tx });
    await tx.insert(courseMemberClocks).values({ memberId: member.id }).onConflictDoNothing();
    const [clock] = await tx.select().from(courseMemberClocks).where(eq(courseMemberClocks.memberId, member.id)).for('update');
    const [seen] = await tx
      .select({ id: courseHeartbeats.id })
      .from(courseHeartbeats)
      .where(and(eq(courseHeartbeats.memberId, member.id), eq(courseHeartbeats.key, input.key)));
    if (seen) {
      return {
        accepted: false,
        reason: 'replayed',
        message: '重复的心跳（已处理过），不重复计时',
        creditedSeconds: 0,
        progress: await progressOf(tx, member.id, course),
      };
    }
    const [existing] = await tx.select().from(courseSessions).where(eq(courseSessions.id, input.sessionId));
    if (existing && (existing.memberId !== member.id || existing.courseId !== course.id)) throw notFound('该学习会话');
    if (!existing) await tx.insert(courseSessions).values({ id: input.sessionId, memberId: member.id, courseId: course.id });
    const out = creditHeartbeat(
      {
        sessionLastBeatAt: existing?.lastBeatAt?.getTime() ?? null,
        memberCreditedUntil: clock?.creditedUntil?.getTime() ?? null,
        lastPosition: existing?.lastPosition ?? null,
      },
      { at: now.getTime(), clientTime, replayed: false, position: course.kind === 'video' ? (input.position ?? null) : null },
      RULES,
    );
    if (!out.accepted) throw validation([{ path: 'clientTime', message: '心跳时间晚于服务器时间（来自未来），已拒绝，未计时' }]);
    await tx.insert(courseHeartbeats).values({
      memberId: member.id,
      courseId: course.id,
      sessionId: input.sessionId,
      key: input.key,
      at: now,
      creditedSeconds: out.creditedSeconds,
      watchedSeconds: out.watchedSeconds,
    });
    await tx
      .update(courseSessions)
      .set({
        lastBeatAt: new Date(out.next.sessionLastBeatAt ?? now.getTime()),
        lastPosition: out.next.lastPosition === null ? null : Math.floor(out.next.lastPosition),
        updatedAt: now,
      })
      .where(eq(courseSessions.id, input.sessionId));
    await tx
      .update(courseMemberClocks)
      .set({ creditedUntil: new Date(out.next.memberCreditedUntil ?? now.getTime()), updatedAt: now })
      .where(eq(courseMemberClocks.memberId, member.id));
    await awardStudySeconds(tx, { memberId: member.id, seconds: out.creditedSeconds, at: now }); // 学习积分 (points module)
    const [p] = await tx
      .insert(courseProgress)
      .values({ memberId: member.id, courseId: course.id, creditedSeconds: out.creditedSeconds, watchedSeconds: out.watchedSeconds })
      .onConflictDoUpdate({
        target: [courseProgress.memberId, courseProgress.courseId],
        set: {
          creditedSeconds: sql`${courseProgress.creditedSeconds} + ${out.creditedSeconds}`,
          watchedSeconds: sql`least(${courseProgress.watchedSeconds} + ${out.watchedSeconds}, ${course.durationSeconds ?? 2_000_000_000})`,
          updatedAt: now,
        },
      })
      .returning();
    if (p && !p.completedAt && isCourseComplete(asRule(course), p, RULES)) {
      await tx.update(courseProgress).set({ completedAt: now }).where(eq(courseProgress.id, p.id));
    }
    return {
      accepted: true,
      reason: out.reason,
      message: null,
      creditedSeconds: out.creditedSeconds,
      progress: await progressOf(tx, member.id, course),
    };
  });
}

/** Credited study hours of a year per member (Beijing time), for the yearly total beside meeting hours. */
export async function studyHoursByMember(db: DbOrTx, memberIds: number[], year: number): Promise<Map<number, number>> {
  const out = new Map<number, number>(memberIds.map((id) => [id, 0]));
  if (memberIds.length === 0) return out;
  const res = await db.execute<{ member_id: number; seconds: number }>(sql`
    SELECT member_id, sum(credited_seconds)::int AS seconds FROM course_heartbeats
    WHERE member_id = ANY(${`{${memberIds.join(',')}}`}::int[])
      AND at >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
      AND at < make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
    GROUP BY member_id`);
  for (const r of res.rows) out.set(r.member_id, secondsToHours(r.seconds));
  return out;
}

/** My study hours this year against the yearly target (56 h for secretaries and committee members). */
export async function myHours(ctx: ActorCtx, year?: number) {
  const y = year ?? Number(chinaDay(ctx.now()).slice(0, 4));
  const member = await findMyMember(ctx);
  if (!member) return { year: y, studyHours: 0, target: yearlyTargetHours(false, RULES), isCadre: false, courses: [] };
  const hours = await studyHoursByMember(ctx.db, [member.id], y);
  const cadre = await ctx.db.execute<{ x: number }>(sql`
    SELECT 1 AS x FROM leadership_members lm JOIN leadership_terms lt ON lt.id = lm.term_id
    WHERE lm.member_id = ${member.id} AND lt.ended_on IS NULL AND lm.ended_on IS NULL LIMIT 1`);
  const isCadre = cadre.rows.length > 0;
  const list = await ctx.db.execute<{ id: number; title: string; seconds: number }>(sql`
    SELECT c.id, c.title, sum(h.credited_seconds)::int AS seconds FROM course_heartbeats h JOIN courses c ON c.id = h.course_id
    WHERE h.member_id = ${member.id}
      AND h.at >= make_timestamptz(${y}, 1, 1, 0, 0, 0, 'Asia/Shanghai') AND h.at < make_timestamptz(${y + 1}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
    GROUP BY c.id, c.title HAVING sum(h.credited_seconds) > 0 ORDER BY seconds DESC LIMIT 50`);
  return {
    year: y,
    studyHours: hours.get(member.id) ?? 0,
    target: yearlyTargetHours(isCadre, RULES),
    isCadre,
    courses: list.rows.map((r) => ({ id: r.id, title: r.title, minutes: Math.floor(r.seconds / 60) })),
  };
}

/**
 * Streams a course's PDF or video with HTTP range support (206 Partial Content, Accept-Ranges,
 * 416 for a range outside the file). Readers: members of the course's audience; managers of its org.
 */
export async function sendCourseMedia(ctx: ActorCtx, courseId: number, range: string | undefined, reply: FastifyReply, uploadDir: string) {
  const [c] = await ctx.db.select().from(courses).where(eq(courses.id, courseId));
  const allowed = c && mayReadCourse(ctx.actor, c, (await findMyMember(ctx))?.orgPath);
  if (!c || !allowed) throw notFound('该课程（不在您的学习范围内）');
  if (!c.fileId) throw notFound('该课程的文件');
  return sendFileRanged(ctx, c.fileId, range, reply, uploadDir);
}

/** An image of an article, served only if the article's body names it. */
export async function sendArticleImage(ctx: ActorCtx, courseId: number, fileId: string, reply: FastifyReply, uploadDir: string) {
  const [c] = await ctx.db.select().from(courses).where(eq(courses.id, courseId));
  const allowed = c && mayReadCourse(ctx.actor, c, (await findMyMember(ctx))?.orgPath);
  if (!c || !allowed || !c.bodyHtml.includes(`/api/v1/files/${fileId}`)) throw notFound('该图片');
  return sendFileRanged(ctx, fileId, undefined, reply, uploadDir);
}

async function sendFileRanged(ctx: ActorCtx, fileId: string, range: string | undefined, reply: FastifyReply, uploadDir: string) {
  const [f] = await ctx.db.select().from(files).where(eq(files.id, fileId));
  if (!f) throw notFound('该文件');
  const path = join(uploadDir, f.storageKey);
  const size = (await stat(path).catch(() => null))?.size;
  if (size === undefined) throw notFound('该文件');
  reply.header('accept-ranges', 'bytes');
  const r = parseRange(range, size);
  if (r === 'invalid') {
    reply.header('content-range', `bytes */${size}`);
    return reply
      .code(416)
      .type('application/json; charset=utf-8')
      .send({ code: 'BAD_REQUEST', message: '请求的字节范围无效（超出文件大小）', requestId: ctx.requestId });
  }
  reply.header('content-type', f.mime);
  reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`);
  reply.header('cache-control', 'private, max-age=300');
  if (!r) {
    reply.header('content-length', size);
    return reply.send(createReadStream(path));
  }
  reply.code(206);
  reply.header('content-range', `bytes ${r.start}-${r.end}/${size}`);
  reply.header('content-length', r.end - r.start + 1);
  return reply.send(createReadStream(path, { start: r.start, end: r.end }));
}
