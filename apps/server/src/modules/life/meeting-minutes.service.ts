import type { MinutesInput } from '@vanguard/shared/api/life';
import { and, eq } from 'drizzle-orm';
import { files, meetingFiles, meetings, orgs } from '../../db/schema/index.js';
import { MEETINGS } from '../../platform/access/gates.js';
import { loadFor } from '../../platform/access/load.js';
import { can } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { stamp } from './life.common.js';
import { addEvent, assertOpen } from './meetings.common.js';
import { getMeeting } from './meetings.service.js';

/** 会议记录和决议: only once the meeting has started. */
export async function recordMinutes(ctx: ActorCtx, id: number, input: MinutesInput) {
  await ctx.db.transaction(async (tx) => {
    const meeting = await loadFor(ctx, MEETINGS, id, 'life:manage', { db: tx, lock: true });
    assertOpen(meeting);
    if (ctx.now() < meeting.startsAt) throw invalid('minutes', `会议尚未召开（${stamp(meeting.startsAt)} 开始），不能填写会议记录`);
    if (meeting.publishedAt) throw conflict('会议记录已发布，不能再修改');
    const now = ctx.now();
    await tx
      .update(meetings)
      .set({
        minutes: input.minutes,
        resolutions: input.resolutions ?? null,
        hoursMinutes: input.hoursMinutes ?? meeting.hoursMinutes,
        minutesAt: meeting.minutesAt ?? now,
        status: 'held',
        updatedAt: now,
      })
      .where(eq(meetings.id, id));
    await addEvent(tx, ctx, id, meeting.minutesAt ? 'minutes-edited' : 'minutes');
    await audit(tx, ctx, {
      action: 'meeting.minutes',
      entityType: 'meeting',
      entityId: id,
      orgId: meeting.orgId,
      before: meeting.minutesAt ? { minutes: meeting.minutes, resolutions: meeting.resolutions } : undefined,
      after: { minutes: input.minutes, resolutions: input.resolutions ?? null },
    });
  });
  return getMeeting(ctx, id);
}

/** 发布: the minutes become readable to those who attended. */
export async function publishMeeting(ctx: ActorCtx, id: number) {
  await ctx.db.transaction(async (tx) => {
    const meeting = await loadFor(ctx, MEETINGS, id, 'life:manage', { db: tx, lock: true });
    assertOpen(meeting);
    if (!meeting.minutesAt) throw invalid('minutes', '请先填写会议记录再发布');
    if (meeting.publishedAt) return;
    await tx.update(meetings).set({ publishedAt: ctx.now(), updatedAt: ctx.now() }).where(eq(meetings.id, id));
    await addEvent(tx, ctx, id, 'published');
    await audit(tx, ctx, { action: 'meeting.publish', entityType: 'meeting', entityId: id, orgId: meeting.orgId });
  });
  return getMeeting(ctx, id);
}

/** Attaches an uploaded photo or file (platform/files) the actor uploaded or may see. */
export async function attachFile(ctx: ActorCtx, id: number, input: { fileId: string; kind: 'photo' | 'file' }) {
  await ctx.db.transaction(async (tx) => {
    const meeting = await loadFor(ctx, MEETINGS, id, 'life:manage', { db: tx, lock: true });
    assertOpen(meeting);
    const [file] = await tx
      .select({ f: files, orgPath: orgs.path })
      .from(files)
      .leftJoin(orgs, eq(orgs.id, files.orgId))
      .where(eq(files.id, input.fileId))
      .then((rows) => rows.map((r) => ({ ...r.f, orgPath: r.orgPath })));
    // One's own upload, or one made in an org whose organizational life one manages.
    const mine = file && (file.ownerId === ctx.actor.userId || (file.orgPath && can(ctx.actor, 'life:manage', file.orgPath)));
    if (!file || !mine) throw invalid('fileId', '未找到该文件，请重新上传');
    if (input.kind === 'photo' && !file.mime.startsWith('image/')) throw invalid('fileId', '会议照片须为图片（JPG/PNG/WebP）');
    await tx.insert(meetingFiles).values({ meetingId: id, fileId: input.fileId, kind: input.kind }).onConflictDoNothing();
    await audit(tx, ctx, {
      action: 'meeting.file.attach',
      entityType: 'meeting',
      entityId: id,
      orgId: meeting.orgId,
      after: { fileId: input.fileId, name: file.name },
    });
  });
  return getMeeting(ctx, id);
}

/** Removes an attached file while the minutes are unpublished. */
export async function detachFile(ctx: ActorCtx, id: number, fileId: string) {
  await ctx.db.transaction(async (tx) => {
    const meeting = await loadFor(ctx, MEETINGS, id, 'life:manage', { db: tx, lock: true });
    if (meeting.publishedAt) throw conflict('会议记录已发布，不能删除附件');
    const res = await tx
      .delete(meetingFiles)
      .where(and(eq(meetingFiles.meetingId, id), eq(meetingFiles.fileId, fileId)))
      .returning();
    if (res.length === 0) throw notFound('该附件');
    await audit(tx, ctx, { action: 'meeting.file.detach', entityType: 'meeting', entityId: id, orgId: meeting.orgId, before: { fileId } });
  });
  return getMeeting(ctx, id);
}
