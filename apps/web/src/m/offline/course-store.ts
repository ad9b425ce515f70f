import { coursesApi, mediaUrl } from '../../api/courses';
import { idbAll, idbDelete, idbGet, idbPut } from './db';
import { enqueue } from './outbox';

type MyCourse = Awaited<ReturnType<typeof coursesApi.myCourse>>;

/** A downloaded course: what the reader page showed online, and the URLs of its stored files. */
export interface OfflineCourse {
  id: number;
  title: string;
  data: MyCourse;
  files: string[];
  downloadedAt: string;
}
export interface StoredFile {
  url: string;
  blob: Blob;
}

export const offlineCourses = () => idbAll('courses');
export const offlineCourse = (id: number) => idbGet('courses', id);

async function fetchBlob(url: string): Promise<Blob> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`下载失败（${res.status}）：${url}`);
  return res.blob();
}

/** Downloads an article (with its images) or a PDF; a video is studied online only. */
export async function downloadCourse(id: number): Promise<OfflineCourse> {
  const data = await coursesApi.myCourse(id);
  const c = data.course;
  if (c.kind === 'video') throw new Error('视频课程请联网学习，不能下载');
  const urls =
    c.kind === 'pdf'
      ? [mediaUrl(c.id)]
      : [...new Set([...c.bodyHtml.matchAll(/\/api\/v1\/my\/courses\/\d+\/images\/[0-9a-f-]{36}/g)].map((m) => m[0]))];
  const blobs = await Promise.all(urls.map(async (url) => ({ url, blob: await fetchBlob(url) })));
  for (const f of blobs) await idbPut('files', f);
  const rec: OfflineCourse = { id, title: c.title, data, files: urls, downloadedAt: new Date().toISOString() };
  await idbPut('courses', rec);
  return rec;
}

export async function deleteOfflineCourse(id: number) {
  const c = await offlineCourse(id);
  for (const url of c?.files ?? []) await idbDelete('files', url);
  await idbDelete('courses', id);
}

/** Object URLs for the stored files (revoke them when the page closes). */
export async function fileUrls(c: OfflineCourse): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const url of c.files) {
    const f = await idbGet('files', url);
    if (f) out[url] = URL.createObjectURL(f.blob);
  }
  return out;
}

/** One chunk of offline study into the outbox (the server caps it; see creditOfflineStudy). */
export function queueStudy(c: OfflineCourse, startedAt: Date, endedAt: Date, activeSeconds: number) {
  return enqueue({
    kind: 'study',
    url: `/api/v1/my/courses/${c.id}/offline-study`,
    label: c.title,
    ref: c.id,
    body: { startedAt: startedAt.toISOString(), endedAt: endedAt.toISOString(), activeSeconds: Math.floor(activeSeconds) },
  });
}
