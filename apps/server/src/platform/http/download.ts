import type { Readable } from 'node:stream';
import { XLSX_MIME } from '@vanguard/shared/api/wire';
import type { FastifyReply } from 'fastify';

/** `attachment` with a plain fallback and the UTF-8 name (RFC 6266 / RFC 5987). */
function attachment(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Answers with an Excel workbook as a download: `fileName` is the Chinese name browsers show,
 * `asciiName` the fallback for clients that do not read `filename*`.
 */
export function sendXlsx(reply: FastifyReply, body: Buffer | Readable, fileName: string, asciiName: string): FastifyReply {
  return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(fileName, asciiName)).send(body);
}
