import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';
import { currentLanguage } from '../i18n';
import { formatDateTime } from './format';

const KNOWN_CODES = [
  'NETWORK',
  'AUTH_INVALID_CREDENTIALS',
  'AUTH_LOCKED',
  'AUTH_DISABLED',
  'AUTH_THROTTLED',
  'AUTH_TOTP_INVALID',
  'FORBIDDEN',
  'INTERNAL',
] as const;
type KnownCode = (typeof KNOWN_CODES)[number];
const isKnown = (code: string): code is KnownCode => (KNOWN_CODES as readonly string[]).includes(code);

/**
 * The text to show for an error. In Chinese the server's message is shown as sent (it is written
 * for users); in English a translation by code is used where one exists. Login errors add what the
 * details say (attempts left, locked until) when the message does not say it already.
 */
export function errorText(err: unknown, t: TFunction): string {
  if (!(err instanceof ApiError)) return err instanceof Error && err.message ? err.message : t('errors.codes.INTERNAL');
  const zh = currentLanguage() === 'zh-CN';
  let text = !zh && isKnown(err.code) ? t(`errors.codes.${err.code}`) : err.message;
  if (!text) text = isKnown(err.code) ? t(`errors.codes.${err.code}`) : t('errors.codes.INTERNAL');
  if (err.code === 'AUTH_INVALID_CREDENTIALS') {
    const left = err.detail('remainingAttempts');
    if (typeof left === 'number' && !(zh && text.includes(String(left)))) {
      text += zh ? `，${t('login.remaining', { count: left })}` : `. ${t('login.remaining', { count: left })}`;
    }
  }
  if (err.code === 'AUTH_LOCKED') {
    const until = err.detail('lockedUntil');
    if (typeof until === 'string' && !(zh && /\d{1,2}:\d{2}/.test(text))) {
      text = t('login.lockedUntil', { time: formatDateTime(until) });
    }
  }
  return text;
}
