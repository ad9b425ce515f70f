import { UNSAFE_TEXT } from '@vanguard/shared/api/fields';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

export interface UploadedFile {
  /** The client's file name, cut to 200 characters (never trusted for the type). */
  filename: string;
  data: Buffer;
}

const badBody = () => new AppError('BAD_REQUEST', '上传内容不完整或格式不正确，请重新选择文件上传');

/**
 * The one file of a multipart upload, in the field `file` (issue 15 items 4 and 10): a body that is
 * truncated, has no boundary or is otherwise malformed is 400; a second file is 400 (never dropped
 * in silence); a file over `maxBytes` is 413; no file is 400 with the field named. Other form
 * fields are ignored.
 */
export async function readOneFile(
  req: FastifyRequest,
  opts: { maxBytes?: number; tooLarge?: string; missing?: string } = {},
): Promise<UploadedFile> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件（字段名 file）');
  let found: UploadedFile | null = null;
  try {
    // `files: 2` lets the parser hand over a second file, so that it is refused rather than dropped.
    for await (const part of req.parts({ limits: { files: 2, ...(opts.maxBytes ? { fileSize: opts.maxBytes } : {}) } })) {
      if (part.type !== 'file') continue;
      if (found || part.fieldname !== 'file') {
        await part.toBuffer().catch(() => undefined);
        throw new AppError('VALIDATION', '一次只能上传一个文件', [{ path: 'file', message: '一次只能上传一个文件（字段名 file）' }]);
      }
      const data = await part.toBuffer();
      const filename = part.filename.slice(0, 200);
      if (UNSAFE_TEXT.test(filename))
        throw new AppError('VALIDATION', '文件名含有无效字符', [{ path: 'file', message: '文件名含有无效字符' }]);
      found = { filename, data };
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', opts.tooLarge);
    if (code === 'FST_FILES_LIMIT')
      throw new AppError('VALIDATION', '一次只能上传一个文件', [{ path: 'file', message: '一次只能上传一个文件（字段名 file）' }]);
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('UNSUPPORTED_MEDIA_TYPE');
    throw badBody();
  }
  if (!found) throw new AppError('VALIDATION', opts.missing ?? '未收到文件', [{ path: 'file', message: '请选择文件' }]);
  return found;
}
