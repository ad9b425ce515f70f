import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileParams, FileSchema } from '@vanguard/shared/api/platform';
import { fileResponse } from '@vanguard/shared/api/wire';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { files } from '../../db/schema/index.js';
import { audit } from '../audit/audit.js';
import { AppError, notFound } from '../errors.js';
import { actorCtx } from '../http/access.js';
import { fileAccess } from './owners.js';
import { readOneFile } from './upload.js';

/** What may be uploaded, recognised by the file's first bytes, never by its name or the client's word. */
const SIGNATURES: { mime: string; test: (b: Buffer) => boolean }[] = [
  { mime: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/webp', test: (b) => b.subarray(0, 4).toString() === 'RIFF' && b.subarray(8, 12).toString() === 'WEBP' },
  { mime: 'application/pdf', test: (b) => b.subarray(0, 5).toString() === '%PDF-' },
  { mime: 'video/mp4', test: (b) => b.subarray(4, 8).toString() === 'ftyp' },
  // xlsx and docx are zip containers.
  { mime: 'application/zip', test: (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04 },
];

function sniff(head: Buffer): string | null {
  return SIGNATURES.find((s) => s.test(head))?.mime ?? null;
}

/** Local-disk storage under DATA_DIR/uploads; the table holds the metadata and the content hash. */
export async function fileRoutes(app: FastifyInstance, opts: { uploadDir: string; maxBytes: number }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  await mkdir(opts.uploadDir, { recursive: true });

  r.post('/api/v1/files', {
    config: { access: {} },
    schema: {
      tags: ['files'],
      summary: '上传文件（multipart，字段名 file）',
      consumes: ['multipart/form-data'],
      response: { 200: FileSchema },
    },
    handler: async (req) => {
      const ctx = actorCtx(req);
      const part = await readOneFile(req, { maxBytes: opts.maxBytes, tooLarge: `文件超过 ${Math.round(opts.maxBytes / 1048576)} MB 上限` });
      const data = part.data;
      const mime = sniff(data);
      if (!mime) throw new AppError('FILE_TYPE', '只允许上传图片（JPG/PNG/WebP）、PDF、MP4 视频或 Office 文档');
      const id = randomUUID();
      const storageKey = join(ctx.now().toISOString().slice(0, 7), id);
      const dir = join(opts.uploadDir, storageKey, '..');
      await mkdir(dir, { recursive: true });
      const tmp = join(opts.uploadDir, `${storageKey}.part`);
      await writeFile(tmp, data, { mode: 0o600 });
      try {
        const name = part.filename.slice(0, 200) || 'file';
        await ctx.db.transaction(async (tx) => {
          await tx.insert(files).values({
            id,
            orgId: ctx.actor.orgId,
            ownerId: ctx.actor.userId,
            name,
            mime,
            size: data.length,
            sha256: createHash('sha256').update(data).digest('hex'),
            storageKey,
          });
          await audit(tx, ctx, {
            action: 'file.upload',
            entityType: 'file',
            entityId: id,
            orgId: ctx.actor.orgId,
            after: { name, mime, size: data.length },
          });
        });
        await rename(tmp, join(opts.uploadDir, storageKey));
        return { id, name, mime, size: data.length };
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
    },
  });

  r.get('/api/v1/files/:id', {
    config: { access: {} },
    schema: {
      tags: ['files'],
      summary: '下载文件',
      params: FileParams,
      response: { 200: fileResponse('application/octet-stream', '文件内容（按上传时识别的类型）') },
    },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      const [file] = await ctx.db.select().from(files).where(eq(files.id, req.params.id));
      if (!file) throw notFound('该文件');
      // Readable through a record that holds it (the owning module's read rule); before any record
      // holds it, by its uploader alone. Anyone else: 404, as if it did not exist.
      const access = await fileAccess(ctx, file.id);
      const allowed = access.linked ? access.via.length > 0 : file.ownerId === ctx.actor.userId;
      if (!allowed) throw notFound('该文件');
      if (access.personal) {
        await audit(ctx.db, ctx, {
          action: 'file.download',
          entityType: 'file',
          entityId: file.id,
          orgId: file.orgId,
          after: { name: file.name, via: access.via.length ? access.via : 'uploader' },
        });
      }
      reply.header('content-type', file.mime);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
      return reply.send(createReadStream(join(opts.uploadDir, file.storageKey)));
    },
  });
}
