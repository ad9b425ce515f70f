import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FieldCipher } from '../../platform/crypto/fields.js';

/**
 * The uploaded workbook of each import, kept between check and commit (and for the error
 * report) as `<dir>/<importId>.xlsx.enc`. The sheet holds ID numbers and phones in clear, so it
 * is stored encrypted with the members data key, like the fields it carries.
 */
export interface ImportFiles {
  save(importId: number, bytes: Buffer, cipher: FieldCipher): Promise<void>;
  /** The workbook, or null when it is gone. */
  load(importId: number, cipher: FieldCipher): Promise<Buffer | null>;
}

export async function importFiles(dir: string): Promise<ImportFiles> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const pathOf = (id: number) => join(dir, `${id}.xlsx.enc`);
  return {
    async save(id, bytes, cipher) {
      const tmp = `${pathOf(id)}.part`;
      await writeFile(tmp, cipher.encrypt(bytes.toString('base64')), { mode: 0o600 });
      try {
        await rename(tmp, pathOf(id));
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
    },
    async load(id, cipher) {
      const token = await readFile(pathOf(id), 'utf8').catch((e: { code?: string }) => {
        if (e.code === 'ENOENT') return null;
        throw e;
      });
      return token === null ? null : Buffer.from(cipher.decrypt(token), 'base64');
    },
  };
}
