import { CURRENT_COURSE_RULESET, readableLength, requiredSeconds } from '@vanguard/shared';
import type { CourseCreateInput, CourseUpdateInput } from '@vanguard/shared/api/courses';
import { and, asc, desc, eq, ilike, type SQL, sql } from 'drizzle-orm';
import sanitizeHtml from 'sanitize-html';
import type { DbOrTx } from '../../db/client.js';
import { courses, files, orgs } from '../../db/schema/index.js';
import { COURSES } from '../../platform/access/gates.js';
import { loadFor, orgFor } from '../../platform/access/load.js';
import { inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, validation } from '../../platform/errors.js';

const FILE_SRC = /^\/api\/v1\/files\/[0-9a-f-]{36}$/;

/**
 * Article bodies are sanitized here, on the server, before they are stored: an allow-list of
 * formatting tags; images only from our own uploads (`/api/v1/files/<id>`); no scripts, styles,
 * event handlers or foreign URLs. Plain text (no tags) becomes paragraphs.
 */
export function sanitizeArticle(input: string): string {
  const html = /^\s*<[a-z]/i.test(input)
    ? input
    : input
        .split(/\n{2,}|\r?\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => `<p>${p.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string)}</p>`)
        .join('');
  return sanitizeHtml(html, {
    allowedTags: [
      'p',
      'br',
      'h2',
      'h3',
      'h4',
      'strong',
      'b',
      'em',
      'i',
      'u',
      'ul',
      'ol',
      'li',
      'blockquote',
      'img',
      'a',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'hr',
    ],
    allowedAttributes: { img: ['src', 'alt'], a: ['href'] },
    allowedSchemes: ['https'],
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    exclusiveFilter: (frame) => frame.tag === 'img' && !FILE_SRC.test(frame.attribs.src ?? ''),
  });
}

export type CourseRow = typeof courses.$inferSelect;

export function courseDto(c: CourseRow, orgName: string, fileName: string | null) {
  return {
    id: c.id,
    orgId: c.orgId,
    orgName,
    title: c.title,
    topic: c.topic,
    kind: c.kind,
    summary: c.summary,
    bodyHtml: c.bodyHtml,
    textLength: c.textLength,
    fileId: c.fileId,
    fileName,
    durationSeconds: c.durationSeconds,
    minSeconds: c.minSeconds,
    requiredSeconds: requiredSeconds({ ...c, kind: c.kind as 'article' }, CURRENT_COURSE_RULESET),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The file must exist and be of the kind the course needs (sniffed at upload: a non-video is never video/mp4). */
async function checkFile(db: DbOrTx, ctx: ActorCtx, kind: string, fileId: string | null | undefined) {
  if (kind === 'article') return null;
  if (!fileId) throw validation([{ path: 'fileId', message: kind === 'video' ? '请上传视频文件（MP4）' : '请上传 PDF 文件' }]);
  const [f] = await db.select().from(files).where(eq(files.id, fileId));
  if (!f || (f.ownerId !== ctx.actor.userId && !f.orgId)) throw validation([{ path: 'fileId', message: '文件不存在，请重新上传' }]);
  const want = kind === 'video' ? 'video/mp4' : 'application/pdf';
  if (f.mime !== want)
    throw validation([
      { path: 'fileId', message: kind === 'video' ? '上传的文件不是 MP4 视频，请重新上传' : '上传的文件不是 PDF 文档，请重新上传' },
    ]);
  return f;
}

function fields(kind: string, input: { bodyHtml?: string; durationSeconds?: number | null }) {
  const bodyHtml = kind === 'article' ? sanitizeArticle(input.bodyHtml ?? '') : '';
  if (kind === 'article' && readableLength(bodyHtml) === 0) throw validation([{ path: 'bodyHtml', message: '请填写正文' }]);
  if (kind === 'video' && !input.durationSeconds) throw validation([{ path: 'durationSeconds', message: '请填写视频时长（秒）' }]);
  return { bodyHtml, textLength: readableLength(bodyHtml) };
}

/** Creates a course in an org the actor manages; its audience is that org's subtree. */
export async function createCourse(ctx: ActorCtx, input: CourseCreateInput) {
  const org = await orgFor(ctx, input.orgId, 'learning:manage', { dissolved: true });
  const file = await checkFile(ctx.db, ctx, input.kind, input.fileId);
  const body = fields(input.kind, input);
  return ctx.db.transaction(async (tx) => {
    const [c] = await tx
      .insert(courses)
      .values({
        orgId: org.id,
        orgPath: org.path,
        title: input.title,
        topic: input.topic,
        kind: input.kind,
        summary: input.summary,
        ...body,
        fileId: file?.id ?? null,
        durationSeconds: input.kind === 'video' ? (input.durationSeconds ?? null) : null,
        minSeconds: input.minSeconds ?? null,
        rulesVersion: CURRENT_COURSE_RULESET.version,
        createdBy: ctx.actor.userId,
      })
      .returning();
    if (!c) throw new AppError('INTERNAL');
    await audit(tx, ctx, {
      action: 'course.create',
      entityType: 'course',
      entityId: c.id,
      orgId: org.id,
      after: { title: c.title, kind: c.kind, topic: c.topic },
    });
    return courseDto(c, org.name, file?.name ?? null);
  });
}

/** A course through the gate (404 outside scope, 403 without learning:manage), with its org's and file's names. */
async function getManagedCourse(ctx: ActorCtx, id: number, db: DbOrTx = ctx.db) {
  await loadFor(ctx, COURSES, id, 'learning:manage', { db });
  const [row] = await db
    .select({ c: courses, orgName: orgs.name, fileName: files.name })
    .from(courses)
    .innerJoin(orgs, eq(orgs.id, courses.orgId))
    .leftJoin(files, eq(files.id, courses.fileId))
    .where(eq(courses.id, id));
  return row;
}

export async function getCourse(ctx: ActorCtx, id: number) {
  const row = await getManagedCourse(ctx, id);
  return courseDto(row.c, row.orgName, row.fileName);
}

export async function updateCourse(ctx: ActorCtx, id: number, input: CourseUpdateInput) {
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT 1 FROM courses WHERE id = ${id} FOR UPDATE`);
    const { c, orgName } = await getManagedCourse(ctx, id, tx);
    const fileId = input.fileId === undefined ? c.fileId : input.fileId;
    const file = await checkFile(tx, ctx, c.kind, fileId);
    const durationSeconds = input.durationSeconds === undefined ? c.durationSeconds : input.durationSeconds;
    const body = fields(c.kind, { bodyHtml: input.bodyHtml ?? c.bodyHtml, durationSeconds });
    const [after] = await tx
      .update(courses)
      .set({
        title: input.title ?? c.title,
        topic: input.topic ?? c.topic,
        summary: input.summary ?? c.summary,
        ...body,
        fileId: file?.id ?? null,
        durationSeconds: c.kind === 'video' ? durationSeconds : null,
        minSeconds: input.minSeconds === undefined ? c.minSeconds : input.minSeconds,
        updatedAt: ctx.now(),
      })
      .where(eq(courses.id, id))
      .returning();
    if (!after) throw new AppError('INTERNAL');
    await audit(tx, ctx, {
      action: 'course.update',
      entityType: 'course',
      entityId: id,
      orgId: c.orgId,
      before: { title: c.title, topic: c.topic, fileId: c.fileId },
      after: { title: after.title, topic: after.topic, fileId: after.fileId },
    });
    return courseDto(after, orgName, file?.name ?? null);
  });
}

/** Courses in the actor's scope, newest first. */
export async function listCourses(ctx: ActorCtx, q: { page: number; pageSize: number; topic?: string; kind?: string; q?: string }) {
  const where: SQL[] = [inScope(courses.orgPath, scopeOf(ctx.actor, 'learning:manage'))];
  if (q.topic) where.push(eq(courses.topic, q.topic));
  if (q.kind) where.push(eq(courses.kind, q.kind));
  if (q.q) where.push(ilike(courses.title, `%${q.q.replace(/[%_\\]/g, '\\$&')}%`));
  const rows = await ctx.db
    .select({ c: courses, orgName: orgs.name, fileName: files.name, total: sql<number>`count(*) OVER ()`.mapWith(Number) })
    .from(courses)
    .innerJoin(orgs, eq(orgs.id, courses.orgId))
    .leftJoin(files, eq(files.id, courses.fileId))
    .where(and(...where))
    .orderBy(desc(courses.updatedAt), asc(courses.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map((r) => courseDto(r.c, r.orgName, r.fileName)), total: rows[0]?.total ?? 0 };
}
