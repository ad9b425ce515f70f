import { randomBytes } from 'node:crypto';
import { mkdir, open as openFile, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPORT_FILE_MAX_BYTES, REPORT_FILE_TYPES } from '@vanguard/shared';
import { AppError, invalid } from '../../platform/errors.js';
import { open, seal } from './reports.crypto.js';

/**
 * Attachments (issue 18 item 1): checked by extension and by their first bytes (a renamed program is
 * refused), sealed with the report key and written under a random name to `<uploads>/reports/`. They
 * never pass through the platform's plain file store (platform/files), which the master key would open.
 */

let dir = '';
export function setReportFileDir(uploadDir: string): void {
  dir = join(uploadDir, 'reports');
}
export const reportFileDir = () => dir;

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'video/mp4': (b) => b.subarray(4, 8).toString('latin1') === 'ftyp',
  'audio/mp4': (b) => b.subarray(4, 8).toString('latin1') === 'ftyp',
  'audio/mpeg': (b) => b.subarray(0, 3).toString('latin1') === 'ID3' || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0),
  // Plain text: valid UTF-8 without NUL or a script's first line.
  'text/plain': (b) =>
    !b.includes(0) && Buffer.from(b.toString('utf8'), 'utf8').equals(b) && !/^(#!|<script|<\?php)/i.test(b.toString('utf8', 0, 64)),
};

export interface CheckedFile {
  name: string;
  mime: string;
  data: Buffer;
}

/** A file as the reporter sent it (base64), or a Chinese 400/413 naming the field. */
export function checkFile(f: { name: string; base64: string }, field: string): CheckedFile {
  const data = Buffer.from(f.base64, 'base64');
  if (data.length === 0) throw invalid(field, `附件「${f.name}」是空文件`);
  if (data.length > REPORT_FILE_MAX_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', `附件「${f.name}」超过 10 MB`, [{ path: field, message: '单个附件不超过 10 MB' }]);
  const ext = f.name.toLowerCase().split('.').pop() ?? '';
  const mime = REPORT_FILE_TYPES[ext];
  if (!mime || !f.name.includes('.')) {
    throw new AppError('FILE_TYPE', `附件「${f.name}」的类型不被允许：只收图片、PDF、音视频和文本`, [
      { path: field, message: '只收 jpg/png/webp/pdf/mp4/m4a/mp3/txt' },
    ]);
  }
  if (!MAGIC[mime](data))
    throw new AppError('FILE_TYPE', `附件「${f.name}」的内容与扩展名不符`, [{ path: field, message: '文件内容与扩展名不符' }]);
  return { name: f.name, mime, data };
}

/** Seals and writes a file; returns its storage key. */
export async function storeSealed(reportKey: Buffer, reportId: number, data: Buffer): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(18).toString('base64url');
  await writeFile(join(dir, key), seal(reportKey, data, `report-file:${reportId}`), { mode: 0o600, flag: 'wx' });
  return key;
}

export async function readSealed(reportKey: Buffer, reportId: number, storageKey: string): Promise<Buffer> {
  return open(reportKey, await readFile(join(dir, storageKey)), `report-file:${reportId}`);
}

/**
 * Overwrites a file's bytes (zeros, ones, random — as GlobaLeaks does) and unlinks it. On copy-on-write
 * or journaling file systems and SSDs the old blocks may survive; the bytes were sealed anyway.
 */
export async function shred(storageKey: string): Promise<void> {
  const path = join(dir, storageKey);
  const size = await stat(path).then(
    (s) => s.size,
    () => -1,
  );
  if (size < 0) return;
  const fh = await openFile(path, 'r+');
  try {
    for (const fill of [Buffer.alloc(size, 0), Buffer.alloc(size, 0xff), randomBytes(size)]) {
      await fh.write(fill, 0, size, 0);
      await fh.sync();
    }
  } finally {
    await fh.close();
  }
  await unlink(path);
}
