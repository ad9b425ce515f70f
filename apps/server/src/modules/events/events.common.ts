import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { files, workers } from '../../db/schema/index.js';
import { findMyMember } from '../../platform/access/load.js';
import type { ActorCtx } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';

export interface Me {
  member: { orgId: number; orgPath: string } | null;
  worker: { orgId: number; orgPath: string } | null;
  paths: string[];
}

/** The signed-in person's member and worker records (where they stand for an event's audience). */
export async function me(ctx: ActorCtx, db: DbOrTx = ctx.db): Promise<Me> {
  const found = await findMyMember(ctx, { db });
  const m = found ? { orgId: found.orgId, orgPath: found.orgPath } : undefined;
  const [w] = await db
    .select({ orgId: workers.orgId, orgPath: workers.orgPath })
    .from(workers)
    .where(eq(workers.userId, ctx.actor.userId))
    .limit(1);
  return { member: m ?? null, worker: w ?? null, paths: [m?.orgPath, w?.orgPath].filter((p): p is string => Boolean(p)) };
}

/** A wall photo must be an image this person uploaded (the files module sniffed its type). */
export async function checkImage(ctx: ActorCtx, db: DbOrTx, fileId: string): Promise<void> {
  const [f] = await db.select({ mime: files.mime, ownerId: files.ownerId }).from(files).where(eq(files.id, fileId));
  if (!f || f.ownerId !== ctx.actor.userId) throw invalid('fileId', '照片未找到（请重新上传）');
  if (!f.mime.startsWith('image/')) throw invalid('fileId', '照片须为图片（JPG/PNG/WebP）');
}
