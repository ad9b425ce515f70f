import { useQuery, useQueryClient } from '@tanstack/react-query';
import { COURSE_TOPICS, type CourseTopic } from '@vanguard/shared';
import { Card, List, NoticeBar, ProgressBar, Tabs, Tag } from 'antd-mobile';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { type BeatResult, coursesApi, mediaUrl, type StudyProgress } from '../../api/courses';
import { errorText } from '../../lib/error-text';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';
import { offlineCourse } from '../offline/course-store';
import { useOnline } from '../offline/outbox';
import { SyncStatus } from '../offline/SyncStatus';
import { CourseDownload, DownloadedCourses, OfflineStudy } from './OfflineCourse';
import { safeHtml } from './safe-html';

const topicName = (k: string) => COURSE_TOPICS[k as CourseTopic] ?? k;

function uuid(): string {
  // randomUUID needs a secure context; a phone on plain http inside the mine network has only getRandomValues.
  if (window.isSecureContext && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** 我的学习计划 and 我的学时. */
function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [tab, setTab] = useState('plans');
  // 'always': without signal the request fails at once and the downloaded courses show (not a paused spinner).
  const plans = useQuery({ queryKey: ['courses', 'my', 'plans'], queryFn: coursesApi.myPlans, networkMode: 'always' });
  const hours = useQuery({ queryKey: ['courses', 'my', 'hours'], queryFn: coursesApi.myHours, enabled: tab === 'hours' });
  if (plans.isPending) return <FullPageSpin />;
  // Without signal the plans the phone kept (last-seen.ts) still show, under the downloaded courses.
  if (plans.data === undefined)
    return (
      <div>
        <SyncStatus />
        <DownloadedCourses />
        <ErrorBlock status="disconnected" title={errorText(plans.error, t)} description="" />
      </div>
    );
  return (
    <>
      <SyncStatus />
      <DownloadedCourses />
      <Tabs activeKey={tab} onChange={setTab}>
        <Tabs.Tab title={t('courses.m.myPlans')} key="plans">
          {plans.data.length === 0 ? (
            <ErrorBlock status="empty" title={t('courses.m.noPlans')} description="" />
          ) : (
            plans.data.map((p) => (
              <Card
                key={p.id}
                title={p.title}
                extra={<Tag color={p.status === 'overdue' ? 'danger' : p.status === 'done' ? 'success' : 'primary'}>{p.statusName}</Tag>}
                style={{ margin: 8 }}
                data-testid={`my-plan-${p.id}`}
              >
                <div style={{ color: 'var(--adm-color-weak)', marginBottom: 6 }}>
                  {t('courses.m.due', { date: p.dueDate })} · {t('courses.m.progress', { done: p.completed, total: p.total })}
                </div>
                <ProgressBar percent={p.total ? (p.completed / p.total) * 100 : 0} />
                <List style={{ marginTop: 8 }}>
                  {p.courses.map((c) => (
                    <List.Item
                      key={c.id}
                      onClick={() => navigate(`study/${c.id}`)}
                      description={topicName(c.topic)}
                      extra={
                        <Tag color={c.completed ? 'success' : 'default'}>
                          {c.completed ? t('courses.m.doneCourse') : t('courses.m.todo')}
                        </Tag>
                      }
                      data-testid={`my-course-${c.id}`}
                    >
                      {c.title}
                    </List.Item>
                  ))}
                </List>
              </Card>
            ))
          )}
        </Tabs.Tab>
        <Tabs.Tab title={t('courses.m.myHours')} key="hours">
          {hours.data && (
            <div style={{ padding: 12 }} data-testid="my-hours">
              <h3>{t('courses.m.yearHours', { year: hours.data.year, h: hours.data.studyHours })}</h3>
              <div style={{ color: 'var(--adm-color-weak)' }}>{t('courses.m.target', { h: hours.data.target })}</div>
              <ProgressBar percent={Math.min(100, (hours.data.studyHours / hours.data.target) * 100)} style={{ margin: '12px 0' }} />
              <List header={t('courses.m.hoursCourses')}>
                {hours.data.courses.map((c) => (
                  <List.Item key={c.id} extra={t('courses.m.minutesShort', { m: c.minutes })}>
                    {c.title}
                  </List.Item>
                ))}
              </List>
            </div>
          )}
        </Tabs.Tab>
      </Tabs>
    </>
  );
}

/**
 * Sends heartbeats while the page is visible and the reader active (input within the idle time, or
 * a video playing). The server decides what is credited; the page only shows what it answered.
 * `?beat=N` shortens the interval (seconds) for tests; the server's credit never exceeds real time.
 */
function useHeartbeats(
  courseId: number,
  intervalSeconds: number,
  idleSeconds: number,
  position: () => number | null,
  playing: () => boolean,
) {
  const [progress, setProgress] = useState<StudyProgress | null>(null);
  const [active, setActive] = useState(true);
  const [message, setMessage] = useState<string | null>(null);
  const lastInput = useRef(Date.now());
  const sessionId = useMemo(() => uuid(), []);
  const qc = useQueryClient();
  useEffect(() => {
    const touch = () => {
      lastInput.current = Date.now();
    };
    const events = ['scroll', 'touchstart', 'mousemove', 'keydown', 'click', 'wheel'];
    for (const e of events) window.addEventListener(e, touch, { passive: true });
    let stopped = false;
    const tick = async () => {
      const visible = document.visibilityState === 'visible';
      const recent = Date.now() - lastInput.current < idleSeconds * 1000 || playing();
      setActive(visible && recent);
      // A background tab or an idle reader sends nothing: no heartbeat, no credit.
      if (!visible || !recent) return;
      try {
        const r: BeatResult = await coursesApi.beat(courseId, {
          sessionId,
          key: uuid(),
          clientTime: new Date().toISOString(),
          position: position(),
        });
        if (stopped) return;
        setProgress(r.progress);
        setMessage(r.message);
        if (r.progress.completedAt) void qc.invalidateQueries({ queryKey: ['courses', 'my'] });
      } catch (e) {
        if (!stopped) setMessage(isApiError(e) ? e.message : String(e));
      }
    };
    void tick();
    const timer = window.setInterval(tick, intervalSeconds * 1000);
    const onVisible = () => {
      if (document.visibilityState === 'visible') touch();
      void tick();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      for (const e of events) window.removeEventListener(e, touch);
    };
  }, [courseId, intervalSeconds, idleSeconds, sessionId, position, playing, qc]);
  return { progress, active, message };
}

function StudyPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [params] = useSearchParams();
  const data = useQuery({ queryKey: ['courses', 'my', 'course', id], queryFn: () => coursesApi.myCourse(id), networkMode: 'always' });
  const video = useRef<HTMLVideoElement>(null);
  const position = useMemo(() => () => (video.current ? Math.floor(video.current.currentTime) : null), []);
  const playing = useMemo(() => () => Boolean(video.current && !video.current.paused && !video.current.ended), []);
  const interval = Number(params.get('beat')) || data.data?.rules.heartbeatSeconds || 15;
  const beats = useHeartbeats(id, Math.max(1, interval), data.data?.rules.idleSeconds ?? 60, position, playing);
  const html = useMemo(() => (data.data ? safeHtml(data.data.course.bodyHtml) : ''), [data.data]);
  // Without signal, a downloaded copy is read from the phone (time counted locally, synced later).
  const online = useOnline();
  const noSignal = !online || (data.isError && isApiError(data.error) && data.error.code === 'NETWORK');
  const offline = useQuery({
    queryKey: ['offline', 'course', id, 'read'],
    queryFn: async () => (await offlineCourse(id)) ?? null,
    enabled: noSignal,
    networkMode: 'always',
  });
  if (noSignal && offline.data) return <OfflineStudy rec={offline.data} />;
  if (data.isPending) return <FullPageSpin />;
  if (data.isError)
    return (
      <ErrorBlock
        status={isApiError(data.error) && data.error.status === 404 ? 'empty' : 'disconnected'}
        title={errorText(data.error, t)}
        description=""
      />
    );
  const { course } = data.data;
  const p = beats.progress ?? data.data.progress;
  return (
    <div style={{ paddingBottom: 16 }}>
      <div style={{ padding: '12px 16px' }}>
        <h2 style={{ margin: '4px 0' }}>{course.title}</h2>
        <Tag>{topicName(course.topic)}</Tag>
      </div>
      <CourseDownload courseId={course.id} kind={course.kind} />
      <div
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 2,
          background: '#fff',
          padding: '8px 16px',
          boxShadow: '0 1px 4px rgba(0,0,0,.08)',
        }}
        data-testid="study-bar"
      >
        {p.completedAt ? (
          <NoticeBar color="success" content={t('courses.m.completed')} />
        ) : !beats.active ? (
          <NoticeBar color="alert" content={t('courses.m.paused')} />
        ) : null}
        <ProgressBar percent={p.share * 100} />
        <div style={{ fontSize: 12, color: '#666', marginTop: 4 }} data-testid="study-credited">
          {course.kind === 'video' ? t('courses.m.watched', { s: p.watchedSeconds }) : t('courses.m.credited', { s: p.creditedSeconds })}
          {p.requiredSeconds ? ` / ${t('courses.m.need', { s: p.requiredSeconds })}` : ''}
          {beats.message ? ` · ${beats.message}` : ''}
        </div>
      </div>
      {course.kind === 'article' && (
        <article
          className="course-article"
          style={{ padding: '0 16px', lineHeight: 1.8 }}
          data-testid="course-article"
          // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by sanitize-html on the server and again by safeHtml's allow-list here
          dangerouslySetInnerHTML={{ __html: html }}
        />
      )}
      {course.kind === 'video' && (
        // biome-ignore lint/a11y/useMediaCaption: course videos are uploaded without caption tracks
        <video
          ref={video}
          src={mediaUrl(course.id)}
          controls
          playsInline
          preload="metadata"
          style={{ width: '100%' }}
          data-testid="course-video"
        />
      )}
      {course.kind === 'pdf' && (
        <iframe title={course.title} src={mediaUrl(course.id)} style={{ width: '100%', height: '70vh', border: 0 }} />
      )}
    </div>
  );
}

/** Phone pages of the courses module, under /m/courses/*. */
export function MCoursesRoutes() {
  return (
    <Routes>
      <Route index element={<HomePage />} />
      <Route path="study/:id" element={<StudyPage />} />
    </Routes>
  );
}
