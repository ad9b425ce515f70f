import { randomUUID } from 'node:crypto';
import { creditOfflineStudy, isCourseComplete, CURRENT_COURSE_RULESET as RULES, requiredSeconds } from '@vanguard/shared';
import { and, eq, sql } from 'drizzle-orm';
import { courseHeartbeats, courseMemberClocks, courseProgress, courseSessions } from '../../db/schema/index.js';
import { loadOwn, myMember } from '../../platform/access/load.js';
import type { ActorCtx } from '../../platform/context.js';
import { validation } from '../../platform/errors.js';
import { awardStudySeconds } from '../points/index.js';
import { courseOpenTo } from './courses.policy.js';
import { AUDIENCE_COURSE, asRule, progressOf } from './study.service.js';

export interface OfflineStudyChunk {
  startedAt: Date;
  endedAt: Date;
  sentAt: Date;
  activeSeconds: number;
}

/**
 * One chunk of study done without signal, from the phone's outbox. Under the member's clock row
 * lock (the same lock the online heartbeats take): a key seen before (online or offline) counts
 * nothing; otherwise `creditOfflineStudy` credits the active seconds the phone counted, capped by
 * the chunk's span, one chunk's maximum and what is left of the course's minimum study time. The
 * credit is booked as one heartbeat row at the chunk's end, so the yearly hours include it.
 */
export async function offlineStudy(ctx: ActorCtx, courseId: number, key: string, chunk: OfflineStudyChunk) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const member = await myMember(ctx, { db: tx });
    const { row: course } = await loadOwn(ctx, AUDIENCE_COURSE, courseId, (c) => courseOpenTo(c, member.orgPath), { db: tx });
    await tx.insert(courseMemberClocks).values({ memberId: member.id }).onConflictDoNothing();
    await tx.select().from(courseMemberClocks).where(eq(courseMemberClocks.memberId, member.id)).for('update');
    const [seen] = await tx
      .select({ id: courseHeartbeats.id, creditedSeconds: courseHeartbeats.creditedSeconds })
      .from(courseHeartbeats)
      .where(and(eq(courseHeartbeats.memberId, member.id), eq(courseHeartbeats.key, key)));
    if (seen)
      return {
        accepted: false,
        reason: 'replayed',
        message: '重复的离线学习记录（已处理过），不重复计时',
        creditedSeconds: 0,
        progress: await progressOf(tx, member.id, course),
      };
    const before = await progressOf(tx, member.id, course);
    const out = creditOfflineStudy({
      now,
      ...chunk,
      course: { kind: course.kind as 'article' | 'pdf' | 'video', requiredSeconds: requiredSeconds(asRule(course), RULES) },
      creditedSeconds: before.creditedSeconds,
    });
    if (!out.ok) throw validation([{ path: out.path, message: out.message }]);
    const sessionId = randomUUID();
    await tx.insert(courseSessions).values({ id: sessionId, memberId: member.id, courseId: course.id, lastBeatAt: out.at });
    await tx.insert(courseHeartbeats).values({
      memberId: member.id,
      courseId: course.id,
      sessionId,
      key,
      at: out.at,
      creditedSeconds: out.creditedSeconds,
      watchedSeconds: 0,
    });
    await awardStudySeconds(tx, { memberId: member.id, seconds: out.creditedSeconds, at: out.at }); // 学习积分, as for heartbeats
    const [p] = await tx
      .insert(courseProgress)
      .values({ memberId: member.id, courseId: course.id, creditedSeconds: out.creditedSeconds, watchedSeconds: 0 })
      .onConflictDoUpdate({
        target: [courseProgress.memberId, courseProgress.courseId],
        set: { creditedSeconds: sql`${courseProgress.creditedSeconds} + ${out.creditedSeconds}`, updatedAt: now },
      })
      .returning();
    if (p && !p.completedAt && isCourseComplete(asRule(course), p, RULES))
      await tx.update(courseProgress).set({ completedAt: now }).where(eq(courseProgress.id, p.id));
    return {
      accepted: true,
      reason: out.reason,
      message: null,
      creditedSeconds: out.creditedSeconds,
      progress: await progressOf(tx, member.id, course),
    };
  });
}
