import { currentLanguage } from '../i18n';

/** Date-time for people: 2025-03-01 14:05 (zh) / Mar 1, 2025, 2:05 PM (en). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (currentLanguage() === 'zh-CN') {
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
  }
  return d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}
