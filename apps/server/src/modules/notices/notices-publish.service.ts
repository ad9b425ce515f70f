import { chinaDay, messageText } from '@vanguard/shared';
import type { NoticeCreateSchema } from '@vanguard/shared/api/notices';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { notices } from '../../db/schema/index.js';
import { NOTICES } from '../../platform/access/gates.js';
import { loadFor, orgFor } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid } from '../../platform/errors.js';
import { kickDispatch, notify } from '../../platform/notify/index.js';
import { todoKeyPattern } from './notices.common.js';
import { disallowedFiles, publishProblems } from './notices.policy.js';
import { getNotice } from './notices-read.service.js';

type CreateInput = z.output<typeof NoticeCreateSchema>;

/**
 * Publishes a notice: checks everything first, then in one transaction writes the notice, its
 * recipients as ONE set-based INSERT … SELECT (no loop per person; a snapshot, so a later joiner does
 * not receive it), its attachments, and the in-app message through `notify`.
 */
export async function publishNotice(ctx: ActorCtx, input: CreateInput) {
  const now = ctx.now();
  const org = await orgFor(ctx, input.orgId, 'notices:publish', { field: 'orgId', what: '该发文组织' });
  const problems = publishProblems(input, now);
  if (problems.length) throw invalid(problems);
  const a = input.audience;
  // Roles or labels without an org mean "in the publishing org".
  const orgIds = a.orgIds.length === 0 && (a.roles.length || a.labels.length) ? [org.id] : a.orgIds;

  const id = await ctx.db.transaction(async (tx) => {
    const { rows: subtrees } = await tx.execute<{ id: number; path: string }>(sql`
      SELECT id, path FROM orgs WHERE id = ANY(${sql.param(orgIds)}::int[]) AND dissolved_at IS NULL AND path LIKE ${`${org.path}%`}`);
    if (subtrees.length !== new Set(orgIds).size) throw invalid('audience.orgIds', '受众组织须为发文组织本级或下级的现存组织');
    if (a.userIds.length) {
      const { rows } = await tx.execute<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM users u JOIN orgs o ON o.id = u.org_id
        WHERE u.id = ANY(${sql.param(a.userIds)}::int[]) AND u.disabled_at IS NULL AND o.path LIKE ${`${org.path}%`}`);
      if (rows[0].n !== new Set(a.userIds).size) throw invalid('audience.userIds', '指定人员须为发文组织范围内的在用账号');
    }
    if (input.fileIds.length) {
      const { rows: found } = await tx.execute<{ id: string; mime: string }>(sql`
        SELECT id::text AS id, mime FROM files WHERE id = ANY(${sql.param(input.fileIds)}::uuid[]) AND owner_id = ${ctx.actor.userId}`);
      if (found.length !== new Set(input.fileIds).size) throw invalid('fileIds', '附件不存在或不是您上传的');
      if (disallowedFiles(found).length) throw invalid('fileIds', '附件类型不允许：只能是 PDF、Office 文档或图片');
    }

    const [n] = await tx
      .insert(notices)
      .values({
        orgId: org.id,
        orgPath: org.path,
        title: input.title,
        docNo: input.docNo || null,
        body: input.body,
        internal: input.internal,
        requireSign: input.requireSign,
        signDeadline: input.requireSign ? (input.signDeadline ?? null) : null,
        audience: { orgIds, roles: a.roles, labels: a.labels, userIds: a.userIds },
        recipients: 0,
        publishedAt: now,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: notices.id });

    const patterns = subtrees.map((o) => `${o.path}%`);
    const filtered = a.roles.length > 0 || a.labels.length > 0;
    const byRole = a.roles.length
      ? sql`EXISTS (SELECT 1 FROM role_grants g JOIN orgs go ON go.id = g.org_id
                    WHERE g.user_id = u.id AND g.role = ANY(${sql.param(a.roles)}::text[]) AND go.path LIKE ANY(${sql.param(patterns)}::text[]))`
      : sql`false`;
    const byLabel = a.labels.length
      ? sql`EXISTS (SELECT 1 FROM members m WHERE m.user_id = u.id AND m.labels && ${sql.param(a.labels)}::text[])`
      : sql`false`;
    const inOrgs = patterns.length
      ? sql`(o.path LIKE ANY(${sql.param(patterns)}::text[])${filtered ? sql` AND (${byRole} OR ${byLabel})` : sql``})`
      : sql`false`;
    const named = a.userIds.length ? sql`u.id = ANY(${sql.param(a.userIds)}::int[])` : sql`false`;
    const inserted = await tx.execute(sql`
      INSERT INTO notice_recipients (notice_id, user_id, org_path)
      SELECT ${n.id}, u.id, o.path FROM users u JOIN orgs o ON o.id = u.org_id
      WHERE u.disabled_at IS NULL AND o.path LIKE ${`${org.path}%`} AND (${inOrgs} OR ${named})`);
    const recipients = inserted.rowCount ?? 0;
    if (recipients === 0) throw invalid('audience', '受众中没有可接收通知的人员（请检查组织、角色、标签或人员）');
    await tx.update(notices).set({ recipients }).where(eq(notices.id, n.id));
    if (input.fileIds.length) {
      await tx.execute(sql`INSERT INTO notice_files (notice_id, file_id) SELECT ${n.id}, unnest(${sql.param(input.fileIds)}::uuid[])`);
    }
    const params = { orgName: messageText(org.name, 40), noticeTitle: messageText(input.title) };
    await notify(tx, now, {
      key: `notice:${n.id}:published`,
      to: { kind: 'notice', noticeId: n.id },
      message:
        input.requireSign && input.signDeadline
          ? { code: 'notice.sign', params: { ...params, deadlineAt: input.signDeadline.toISOString() }, link: `/m/notices/${n.id}` }
          : { code: 'notice.published', params, link: `/m/notices/${n.id}` },
      createdBy: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'notice.publish',
      entityType: 'notice',
      entityId: n.id,
      orgId: org.id,
      after: {
        title: input.title,
        recipients,
        requireSign: input.requireSign,
        audience: { orgIds, roles: a.roles, labels: a.labels, named: a.userIds.length },
      },
    });
    return n.id;
  });
  await kickDispatch(ctx.db);
  return getNotice(ctx, id);
}

/** Withdraws a notice: its recipients no longer see it; its in-app messages close. */
export async function withdrawNotice(ctx: ActorCtx, id: number) {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const n = await loadFor(ctx, NOTICES, id, 'notices:publish', { db: tx, lock: true });
    if (n.status === 'withdrawn') throw conflict('该通知已撤回');
    await tx.update(notices).set({ status: 'withdrawn', withdrawnAt: now, updatedAt: now }).where(eq(notices.id, id));
    await tx.execute(
      sql`UPDATE todos SET done_at = ${now}, updated_at = ${now} WHERE source_key LIKE ${todoKeyPattern(id)} AND done_at IS NULL`,
    );
    await audit(tx, ctx, { action: 'notice.withdraw', entityType: 'notice', entityId: id, orgId: n.orgId, before: { status: n.status } });
  });
  return getNotice(ctx, id);
}

/** Reminds everyone who has not read it, once per China day at most (409 on a second try that day). */
export async function remindNotice(ctx: ActorCtx, id: number) {
  const now = ctx.now();
  const today = chinaDay(now);
  const reminded = await ctx.db.transaction(async (tx) => {
    const n = await loadFor(ctx, NOTICES, id, 'notices:publish', { db: tx, lock: true });
    if (n.status !== 'published') throw conflict('该通知已撤回，不能提醒');
    if (n.remindedOn === today) throw conflict('今天已经提醒过未读人员，每天最多提醒一次');
    await tx
      .update(notices)
      .set({ remindedOn: today, updatedAt: now })
      .where(and(eq(notices.id, id)));
    const [org] = (await tx.execute<{ name: string }>(sql`SELECT name FROM orgs WHERE id = ${n.orgId}`)).rows;
    const r = await notify(tx, now, {
      key: `notice:${id}:remind:${today}`,
      to: { kind: 'notice', noticeId: id, unreadOnly: true },
      message: {
        code: 'notice.remind',
        params: { orgName: messageText(org?.name ?? '', 40), noticeTitle: messageText(n.title) },
        link: `/m/notices/${id}`,
      },
      createdBy: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'notice.remind',
      entityType: 'notice',
      entityId: id,
      orgId: n.orgId,
      after: { reminded: r.recipients },
    });
    return r.recipients;
  });
  await kickDispatch(ctx.db);
  return { reminded };
}
