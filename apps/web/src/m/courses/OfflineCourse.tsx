import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, List, NoticeBar, Space, Tag, Toast } from 'antd-mobile';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import {
  deleteOfflineCourse,
  downloadCourse,
  fileUrls,
  type OfflineCourse,
  offlineCourse,
  offlineCourses,
  queueStudy,
} from '../offline/course-store';
import { OfflineStamp } from '../offline/OfflinePage';
import { safeHtml } from './safe-html';

/** 下载课程 / 已下载·可离线 with 删除下载, on the reader page (articles and PDFs). */
export function CourseDownload({ courseId, kind }: { courseId: number; kind: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const local = useQuery({
    queryKey: ['offline', 'course', courseId],
    queryFn: async () => (await offlineCourse(courseId)) ?? null,
    networkMode: 'always',
  });
  const [busy, setBusy] = useState(false);
  if (kind === 'video' || local.isPending) return null;
  if (local.data)
    return (
      <Space style={{ padding: '0 16px' }}>
        <Tag color="success" data-testid="course-offline-mark">
          {t('learning.offline.downloaded')}
        </Tag>
        <Button
          size="mini"
          onClick={async () => {
            if (!(await Dialog.confirm({ content: t('learning.offline.removeConfirm') }))) return;
            await deleteOfflineCourse(courseId);
            void qc.invalidateQueries({ queryKey: ['offline'] });
          }}
          data-testid="course-offline-remove"
        >
          {t('learning.offline.remove')}
        </Button>
      </Space>
    );
  return (
    <div style={{ padding: '0 16px' }}>
      <Button
        size="small"
        loading={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await downloadCourse(courseId);
            Toast.show({ content: t('learning.offline.courseDownloaded') });
            void qc.invalidateQueries({ queryKey: ['offline'] });
          } catch (e) {
            Toast.show({ content: e instanceof Error && !('code' in e) ? e.message : errorText(e, t) });
          } finally {
            setBusy(false);
          }
        }}
        data-testid="course-offline-download"
      >
        {t('learning.offline.courseDownload')}
      </Button>
    </div>
  );
}

/** Courses on this phone (for the home page without network). */
export function DownloadedCourses() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['offline', 'courses'], queryFn: offlineCourses, networkMode: 'always' });
  if (!q.data?.length) return null;
  return (
    <List header={t('learning.offline.courses')} data-testid="offline-courses">
      {q.data.map((c) => (
        <List.Item
          key={c.id}
          onClick={() => navigate(`/m/courses/study/${c.id}`)}
          description={t('mobile.offline.downloadedAt', { time: formatDateTime(c.downloadedAt) })}
          extra={<Tag color="success">{t('learning.offline.downloaded')}</Tag>}
        >
          {c.title}
        </List.Item>
      ))}
    </List>
  );
}

/**
 * Reading a downloaded course without signal. Time counts only while the page is visible and the
 * reader active (input within the ruleset's idle time); it goes to the outbox in chunks (every
 * minute of active time, and when the page is hidden or closed) and the server credits it capped
 * by the course's minimum study time (creditOfflineStudy).
 */
export function OfflineStudy({ rec }: { rec: OfflineCourse }) {
  const { t } = useTranslation();
  const [urls, setUrls] = useState<Record<string, string> | null>(null);
  const [queued, setQueued] = useState(0);
  const [active, setActive] = useState(true);
  const chunk = useRef<{ start: Date; seconds: number } | null>(null);
  const lastInput = useRef(Date.now());
  const idle = rec.data.rules.idleSeconds;
  useEffect(() => {
    let made: Record<string, string> = {};
    void fileUrls(rec).then((u) => {
      made = u;
      setUrls(u);
    });
    return () => {
      for (const u of Object.values(made)) URL.revokeObjectURL(u);
    };
  }, [rec]);
  useEffect(() => {
    const flush = () => {
      const c = chunk.current;
      chunk.current = null;
      if (c && c.seconds > 0) {
        void queueStudy(rec, c.start, new Date(), c.seconds);
        setQueued((q) => q + c.seconds);
      }
    };
    const touch = () => {
      lastInput.current = Date.now();
    };
    const events = ['scroll', 'touchstart', 'mousemove', 'keydown', 'click', 'wheel'];
    for (const e of events) window.addEventListener(e, touch, { passive: true });
    const h = window.setInterval(() => {
      const visible = document.visibilityState === 'visible';
      const on = visible && Date.now() - lastInput.current < idle * 1000;
      setActive(on);
      if (!on) return;
      chunk.current ??= { start: new Date(), seconds: 0 };
      chunk.current.seconds += 1;
      if (chunk.current.seconds >= 60) flush();
    }, 1000);
    const onVisibility = () => {
      if (document.visibilityState !== 'visible') flush();
      else touch();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(h);
      document.removeEventListener('visibilitychange', onVisibility);
      for (const e of events) window.removeEventListener(e, touch);
      flush();
    };
  }, [rec, idle]);
  const c = rec.data.course;
  const html = useMemo(() => {
    if (!urls) return '';
    // Sanitized first (the allow-list keeps only our own image URLs), then those exact URLs point to the stored copies.
    let body = safeHtml(c.bodyHtml);
    for (const [u, obj] of Object.entries(urls)) body = body.split(u).join(obj);
    return body;
  }, [c.bodyHtml, urls]);
  return (
    <div style={{ paddingBottom: 16 }} data-testid="course-offline">
      <div style={{ padding: '12px 16px' }}>
        <h2 style={{ margin: '4px 0' }}>{c.title}</h2>
        <Tag color="success">{t('learning.offline.downloaded')}</Tag>
      </div>
      <OfflineStamp at={rec.downloadedAt} />
      <NoticeBar color={active ? 'info' : 'alert'} content={t('learning.offline.courseOffline')} wrap />
      {queued > 0 && (
        <div style={{ padding: '4px 16px', fontSize: 12, color: '#666' }} data-testid="course-offline-queued">
          {t('learning.offline.studyQueued', { s: queued })}
        </div>
      )}
      {c.kind === 'article' && (
        <article
          className="course-article"
          style={{ padding: '0 16px', lineHeight: 1.8 }}
          data-testid="course-article"
          // biome-ignore lint/security/noDangerouslySetInnerHtml: the stored body was sanitized by the server and goes through safeHtml's allow-list here
          dangerouslySetInnerHTML={{ __html: html }}
        />
      )}
      {c.kind === 'pdf' && urls && Object.values(urls)[0] && (
        <iframe title={c.title} src={Object.values(urls)[0]} style={{ width: '100%', height: '70vh', border: 0 }} />
      )}
    </div>
  );
}
