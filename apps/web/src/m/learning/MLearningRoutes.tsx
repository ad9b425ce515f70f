import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, List, NoticeBar, Space, Tabs, Tag, Toast } from 'antd-mobile';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { type AttemptQuestion, type AttemptView, learningApi, type MyResult, type Response } from '../../api/learning';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { answerText, tx } from '../../lib/learning-text';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';
import { SyncStatus } from '../offline/SyncStatus';
import { DownloadedExams, ExamOfflineActions, OfflineTakePage } from './OfflineExam';
import { QuestionInputView } from './QuestionInput';

const LETTERS = 'ABCDEFGH';

function NoMember({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const none = isApiError(error) && error.status === 404;
  return (
    <ErrorBlock status={none ? 'empty' : 'disconnected'} title={none ? t('learning.m.noMember') : errorText(error, t)} description="" />
  );
}

/** 我的考试 (open and upcoming) and 我的成绩. */
function MyExamsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [tab, setTab] = useState('exams');
  // 'always': without signal the list fails at once and the downloaded papers show (not a paused spinner).
  const exams = useQuery({ queryKey: ['learning', 'my', 'exams'], queryFn: learningApi.myExams, networkMode: 'always' });
  const results = useQuery({ queryKey: ['learning', 'my', 'results'], queryFn: learningApi.myResults, enabled: tab === 'results' });
  if (exams.isError && !exams.data)
    return (
      <div>
        <SyncStatus />
        <DownloadedExams />
        <NoMember error={exams.error} />
      </div>
    );
  return (
    <div style={{ paddingBottom: 16 }}>
      <SyncStatus />
      <DownloadedExams />
      <Tabs activeKey={tab} onChange={setTab}>
        <Tabs.Tab key="exams" title={<span data-testid="m-tab-exams">{t('learning.m.myExams')}</span>} />
        <Tabs.Tab key="results" title={<span data-testid="m-tab-results">{t('learning.m.myResults')}</span>} />
      </Tabs>
      {tab === 'exams' ? (
        exams.isPending ? (
          <FullPageSpin />
        ) : (exams.data ?? []).length === 0 ? (
          <ErrorBlock status="empty" title={t('learning.m.noExams')} description="" />
        ) : (
          <List>
            {(exams.data ?? []).map((e) => (
              <List.Item
                key={e.id}
                onClick={() => navigate(`/m/learning/exams/${e.id}`)}
                description={`${e.orgName} · ${t('learning.m.until', { at: formatDateTime(e.closesAt) })}${e.timeLimitMinutes ? ` · ${t('learning.m.limit', { n: e.timeLimitMinutes })}` : ''}`}
                extra={
                  e.offlineAllowed && e.canStart && !e.inProgressAttemptId ? (
                    <Tag color="success">{t('learning.offline.tag')}</Tag>
                  ) : e.inProgressAttemptId ? (
                    <Tag color="primary">{t('learning.inProgress')}</Tag>
                  ) : !e.isOpen ? (
                    <Tag>{t('learning.m.notYet')}</Tag>
                  ) : e.canStart ? (
                    <Tag color="danger">{t('learning.m.todo', { used: e.attemptsUsed, max: e.maxAttempts })}</Tag>
                  ) : (
                    <Tag color="success">{t('learning.m.done')}</Tag>
                  )
                }
                data-testid={`m-exam-${e.id}`}
              >
                {e.title}
              </List.Item>
            ))}
          </List>
        )
      ) : results.isPending ? (
        <FullPageSpin />
      ) : (results.data ?? []).length === 0 ? (
        <ErrorBlock status="empty" title={t('learning.m.noResults')} description="" />
      ) : (
        <List>
          {(results.data ?? []).map((r: MyResult) => (
            <List.Item
              key={r.examId}
              onClick={() => navigate(`/m/learning/exams/${r.examId}`)}
              description={t('learning.m.tries', { n: r.attempts.length })}
              extra={
                r.pending ? (
                  <Tag color="warning">{t('learning.pending')}</Tag>
                ) : (
                  <Tag color={r.passed ? 'success' : 'danger'}>
                    {r.result ?? '—'} / {r.maxScore}
                  </Tag>
                )
              }
              data-testid={`m-result-${r.examId}`}
            >
              {r.title}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}

/** Asks before a new attempt: the clock starts and an attempt is used. */
function confirmStart(t: TFunction, e: { timeLimitMinutes: number | null; maxAttempts: number; attempts: unknown[] }) {
  const left = e.maxAttempts - e.attempts.length;
  return Dialog.confirm({
    title: t('learning.m.startTitle'),
    content: e.timeLimitMinutes ? t('learning.m.startTimed', { n: e.timeLimitMinutes, left }) : t('learning.m.startUntimed', { left }),
    confirmText: <span data-testid="m-start-ok">{t('learning.m.start')}</span>,
    cancelText: t('common.cancel'),
  });
}

/** An exam: its rules, my attempts (with review links as the rules allow), start or continue. */
function MyExamPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['learning', 'my', 'exam', id], queryFn: () => learningApi.myExam(id) });
  const start = useMutation({
    mutationFn: () => learningApi.start(id),
    onSuccess: (a) => navigate(`/m/learning/attempts/${a.id}`),
    onError: (e) => Toast.show({ content: errorText(e, t) }),
  });
  if (q.isPending) return <FullPageSpin />;
  if (q.isError) return <NoMember error={q.error} />;
  const e = q.data;
  const open = e.attempts.find((a) => a.status === 'in_progress');
  return (
    <div style={{ paddingBottom: 24 }}>
      <List header={e.title}>
        {e.description && <List.Item>{e.description}</List.Item>}
        <List.Item extra={`${formatDateTime(e.opensAt)} ~ ${formatDateTime(e.closesAt)}`}>{t('learning.exam.window')}</List.Item>
        <List.Item extra={e.timeLimitMinutes ? `${e.timeLimitMinutes} ${t('learning.minutes')}` : t('learning.noLimit')}>
          {t('learning.exam.limit')}
        </List.Item>
        <List.Item extra={`${e.maxAttempts}（${tx(t, `learning.policies.${e.gradingPolicy}`)}）`}>
          {t('learning.exam.maxAttempts')}
        </List.Item>
        <List.Item extra={tx(t, `learning.reviews.${e.reviewRule}`)}>{t('learning.exam.review')}</List.Item>
        {e.result != null && (
          <List.Item extra={<b data-testid="m-exam-result">{e.result}</b>}>
            {t('learning.m.myScore')}{' '}
            {e.passed ? <Tag color="success">{t('learning.passed')}</Tag> : <Tag color="danger">{t('learning.failed')}</Tag>}
          </List.Item>
        )}
      </List>
      {e.canStart && (
        <div style={{ padding: 12 }}>
          <Button
            block
            color="danger"
            loading={start.isPending}
            onClick={async () => {
              // A new attempt starts the clock and uses one of the attempts: asked first (issue 24).
              if (open || (await confirmStart(t, e))) start.mutate();
            }}
            data-testid="m-start"
          >
            {open ? t('learning.m.continue') : t('learning.m.start')}
          </Button>
        </div>
      )}
      <ExamOfflineActions exam={e} />
      <List header={t('learning.m.attempts')}>
        {e.attempts.length === 0 && <List.Item>{t('learning.m.noAttempts')}</List.Item>}
        {e.attempts.map((a) => (
          <List.Item
            key={a.id}
            description={`${formatDateTime(a.startedAt)}${a.endedBy === 'timeout' ? ` · ${t('learning.m.timeout')}` : ''}`}
            extra={a.status === 'graded' ? `${a.score} / ${a.maxScore}` : a.statusName}
            onClick={() =>
              a.status === 'in_progress' ? navigate(`/m/learning/attempts/${a.id}`) : navigate(`/m/learning/attempts/${a.id}/review`)
            }
            arrow={a.status === 'in_progress' || a.reviewOpen}
            data-testid={`m-attempt-${a.number}`}
          >
            {t('learning.m.attemptN', { n: a.number })}
          </List.Item>
        ))}
      </List>
    </div>
  );
}

/** Seconds left by the server's clock: the deadline minus the server's now, counted down locally from when it was read. */
function useCountdown(a: AttemptView | undefined) {
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    if (!a) return;
    const offset = new Date(a.serverNow).getTime() - Date.now();
    const tick = () => setLeft(Math.max(0, Math.floor((new Date(a.deadlineAt).getTime() - (Date.now() + offset)) / 1000)));
    tick();
    const h = setInterval(tick, 1000);
    return () => clearInterval(h);
  }, [a]);
  return left;
}

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

/** Taking an exam: one question per screen, each answer saved to the server as it is given, a countdown from the server's start and limit. */
function TakePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const q = useQuery({
    queryKey: ['learning', 'my', 'attempt', id],
    queryFn: () => learningApi.attempt(id),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [idx, setIdx] = useState(0);
  const [answers, setAnswers] = useState<Record<number, Response | null>>({});
  const timers = useRef<Record<number, ReturnType<typeof setTimeout>>>({});
  const left = useCountdown(q.data);
  useEffect(() => {
    if (q.data) setAnswers(Object.fromEntries(q.data.questions.map((x) => [x.questionId, x.response])));
  }, [q.data]);
  const save = (questionId: number, r: Response | null) => {
    setAnswers((a) => ({ ...a, [questionId]: r }));
    clearTimeout(timers.current[questionId]);
    timers.current[questionId] = setTimeout(() => {
      learningApi.answer(id, questionId, r).catch((e) => Toast.show({ content: errorText(e, t) }));
    }, 400);
  };
  const submit = useMutation({
    mutationFn: async () => {
      // Send what is still waiting before handing in (each PUT is idempotent).
      await Promise.all(
        Object.entries(timers.current).map(([qid, h]) => {
          clearTimeout(h);
          return learningApi.answer(id, Number(qid), answers[Number(qid)] ?? null).catch(() => undefined);
        }),
      );
      timers.current = {};
      return learningApi.submit(id);
    },
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: ['learning', 'my'] });
      navigate(`/m/learning/attempts/${a.id}/review`, { replace: true });
    },
    onError: (e) => {
      Toast.show({ content: errorText(e, t) });
      void qc.invalidateQueries({ queryKey: ['learning', 'my'] });
      if (q.data) navigate(`/m/learning/exams/${q.data.examId}`, { replace: true });
    },
  });
  const answered = useMemo(() => Object.values(answers).filter(Boolean).length, [answers]);
  if (q.isPending) return <FullPageSpin />;
  if (q.isError) return <NoMember error={q.error} />;
  const a = q.data;
  if (a.status !== 'in_progress')
    return (
      <ErrorBlock status="default" title={t('learning.m.finished')} description="">
        <Button color="primary" onClick={() => navigate(`/m/learning/attempts/${a.id}/review`, { replace: true })}>
          {t('learning.m.seeReview')}
        </Button>
      </ErrorBlock>
    );
  const cur = a.questions[idx];
  const confirmSubmit = async () => {
    const missing = a.questions.length - answered;
    const ok = await Dialog.confirm({
      content: missing > 0 ? t('learning.m.submitMissing', { n: missing }) : t('learning.m.submitConfirm'),
      confirmText: t('learning.m.submit'),
      cancelText: t('learning.m.back'),
    });
    if (ok) submit.mutate();
  };
  return (
    <div style={{ paddingBottom: 24 }}>
      <NoticeBar
        color={left != null && left < 300 ? 'error' : 'info'}
        content={left === 0 ? t('learning.m.timeUp') : t('learning.m.left', { t: left == null ? '—' : mmss(left) })}
        data-testid="m-countdown"
      />
      <div style={{ padding: '12px 16px', background: '#fff' }}>
        <div style={{ color: 'var(--adm-color-weak)', fontSize: 13, marginBottom: 8 }} data-testid="m-progress">
          {t('learning.m.progress', { i: idx + 1, n: a.questions.length })} · {cur.typeName} · {t('learning.m.points', { n: cur.points })}
        </div>
        <div style={{ fontSize: 17, marginBottom: 16 }} data-testid="m-stem">
          {cur.stem}
        </div>
        <QuestionInputView key={cur.questionId} q={cur} value={answers[cur.questionId] ?? null} onChange={(r) => save(cur.questionId, r)} />
      </div>
      <Space block style={{ padding: 12, justifyContent: 'space-between' }}>
        <Button disabled={idx === 0} onClick={() => setIdx(idx - 1)} data-testid="m-prev">
          {t('learning.m.prev')}
        </Button>
        {idx < a.questions.length - 1 ? (
          <Button color="primary" onClick={() => setIdx(idx + 1)} data-testid="m-next">
            {t('learning.m.next')}
          </Button>
        ) : (
          <Button color="danger" loading={submit.isPending} onClick={() => void confirmSubmit()} data-testid="m-submit">
            {t('learning.m.submit')}
          </Button>
        )}
      </Space>
      <div style={{ padding: '0 12px', display: 'flex', flexWrap: 'wrap', gap: 6 }}>
        {a.questions.map((x, i) => (
          <Button
            key={x.questionId}
            size="mini"
            color={i === idx ? 'primary' : answers[x.questionId] ? 'success' : 'default'}
            onClick={() => setIdx(i)}
          >
            {i + 1}
          </Button>
        ))}
      </div>
      {idx < a.questions.length - 1 && (
        <div style={{ padding: 12 }}>
          <Button block fill="outline" color="danger" loading={submit.isPending} onClick={() => void confirmSubmit()}>
            {t('learning.m.submitEarly', { n: answered, total: a.questions.length })}
          </Button>
        </div>
      )}
    </div>
  );
}

/** The review: score, and (when the exam's rule allows) my answer beside the right answer for each question. */
function ReviewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['learning', 'my', 'review', id], queryFn: () => learningApi.review(id) });
  if (q.isPending) return <FullPageSpin />;
  if (q.isError) return <NoMember error={q.error} />;
  const r = q.data;
  /** Chosen options as their letters and texts, in the options' order (not the order they were tapped). */
  const choices = (x: AttemptQuestion, keys: string[]) =>
    x.options
      .map((o, i) => ({ o, i }))
      .filter(({ o }) => keys.includes(o.key))
      .map(({ o, i }) => (x.type === 'judge' ? o.text : `${LETTERS[i]}. ${o.text}`))
      .join('；');
  const mine = (x: AttemptQuestion) => {
    const v = x.response;
    if (!v) return t('learning.m.blank');
    if ('keys' in v) return choices(x, v.keys);
    return v.texts.join('；');
  };
  return (
    <div style={{ paddingBottom: 24 }}>
      <List header={r.examTitle}>
        <List.Item
          extra={<b data-testid="m-review-score">{r.status === 'graded' ? `${r.score} / ${r.maxScore}` : t('learning.pending')}</b>}
        >
          {t('learning.m.score')}
        </List.Item>
      </List>
      {!r.reviewOpen ? (
        <ErrorBlock
          status="default"
          title={tx(t, `learning.m.reviewClosed.${r.reviewRule}`)}
          description=""
          data-testid="m-review-closed"
        />
      ) : (
        <List header={t('learning.m.review')} data-testid="m-review">
          {r.questions.map((x, i) => {
            const it = r.items.find((y) => y.questionId === x.questionId);
            const right = it?.answer ? ('keys' in it.answer ? choices(x, it.answer.keys) : answerText(it.answer, x.options)) : '';
            return (
              <List.Item
                key={x.questionId}
                description={
                  <div>
                    {x.options.length > 0 && x.type !== 'judge' && (
                      <div>{x.options.map((o, j) => `${LETTERS[j]}. ${o.text}`).join('　')}</div>
                    )}
                    <div data-testid={`m-mine-${i}`}>
                      {t('learning.m.mine')}：{mine(x)}
                    </div>
                    <div style={{ color: '#0a7d32' }} data-testid={`m-right-${i}`}>
                      {it?.answer && 'reference' in it.answer ? t('learning.q.reference') : t('learning.m.right')}：{right}
                    </div>
                    {it?.explanation && <div>{it.explanation}</div>}
                    {it?.comment && <div>{it.comment}</div>}
                  </div>
                }
                extra={
                  it?.correct == null ? (
                    <Tag color="warning">{t('learning.pending')}</Tag>
                  ) : it.correct ? (
                    <Tag color="success">✓ {it.awarded}</Tag>
                  ) : (
                    <Tag color="danger">✗ {it.awarded}</Tag>
                  )
                }
              >
                {i + 1}. {x.stem}
              </List.Item>
            );
          })}
        </List>
      )}
      <div style={{ padding: 12 }}>
        <Button block onClick={() => navigate(`/m/learning/exams/${r.examId}`)} data-testid="m-back-exam">
          {t('learning.m.backToExam')}
        </Button>
      </div>
    </div>
  );
}

/** Phone pages of the learning module, under /m/learning/*. */
export function MLearningRoutes() {
  return (
    <Routes>
      <Route index element={<MyExamsPage />} />
      <Route path="exams/:id" element={<MyExamPage />} />
      <Route path="attempts/:id" element={<TakePage />} />
      <Route path="attempts/:id/review" element={<ReviewPage />} />
      <Route path="offline/:id" element={<OfflineTakePage />} />
    </Routes>
  );
}
