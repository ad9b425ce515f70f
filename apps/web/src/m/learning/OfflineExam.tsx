import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, List, NoticeBar, Space, Tag, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { MyExam, Response } from '../../api/learning';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';
import {
  deleteOfflineExam,
  downloadExam,
  finishOfflineExam,
  localDeadline,
  type OfflineExam,
  offlineExam,
  offlineExamFor,
  offlineExams,
  saveOfflineAnswer,
} from '../offline/exam-store';
import { useSyncStatus } from '../offline/outbox';
import { SyncStatus } from '../offline/SyncStatus';
import { QuestionInputView } from './QuestionInput';

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

/** Papers on this phone (shown always, and alone when there is no network). */
export function DownloadedExams() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const sync = useSyncStatus();
  const q = useQuery({ queryKey: ['offline', 'exams', sync.pending], queryFn: offlineExams, networkMode: 'always' });
  const list = q.data ?? [];
  if (list.length === 0) return null;
  return (
    <List header={t('learning.offline.mine')} data-testid="offline-exams">
      {list.map((e) => (
        <List.Item
          key={e.attemptId}
          onClick={() => navigate(`/m/learning/offline/${e.attemptId}`)}
          description={t('mobile.offline.downloadedAt', { time: formatDateTime(e.downloadedAt) })}
          extra={
            e.result ? (
              <Tag color="success">{e.result.status === 'graded' ? `${e.result.score} / ${e.result.maxScore}` : t('learning.pending')}</Tag>
            ) : e.finishedAt ? (
              <Tag color="warning">{t('learning.offline.queuedShort')}</Tag>
            ) : (
              <Tag color="primary">{t('learning.offline.downloaded')}</Tag>
            )
          }
          data-testid={`offline-exam-${e.examId}`}
        >
          {e.title}
        </List.Item>
      ))}
    </List>
  );
}

/** On the exam page of an offline-allowed exam: 下载试卷, or 已下载/可离线 with 作答 and 删除下载. */
export function ExamOfflineActions({ exam }: { exam: MyExam }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const local = useQuery({ queryKey: ['offline', 'exam-for', exam.id], queryFn: () => offlineExamFor(exam.id), networkMode: 'always' });
  const [busy, setBusy] = useState(false);
  if (!exam.offlineAllowed || local.isPending) return null;
  const rec = local.data;
  if (rec)
    return (
      <div style={{ padding: 12 }}>
        <Space direction="vertical" block>
          <Tag color="success" data-testid="m-offline-mark">
            {t('learning.offline.downloaded')}
          </Tag>
          <Button block color="danger" onClick={() => navigate(`/m/learning/offline/${rec.attemptId}`)} data-testid="m-offline-take">
            {t('learning.offline.answer')}
          </Button>
          <Button
            block
            fill="outline"
            onClick={async () => {
              if (!(await Dialog.confirm({ content: t('learning.offline.removeConfirm') }))) return;
              await deleteOfflineExam(rec.attemptId);
              Toast.show({ content: t('learning.offline.removed') });
              void qc.invalidateQueries({ queryKey: ['offline'] });
            }}
            data-testid="m-offline-remove"
          >
            {t('learning.offline.remove')}
          </Button>
        </Space>
      </div>
    );
  if (!exam.canStart) return null;
  return (
    <div style={{ padding: '0 12px 12px' }}>
      <Button
        block
        fill="outline"
        color="danger"
        loading={busy}
        onClick={async () => {
          const ok = await Dialog.confirm({
            content: exam.timeLimitMinutes
              ? t('learning.offline.downloadConfirm', { n: exam.timeLimitMinutes })
              : t('learning.offline.downloadNoLimit'),
          });
          if (!ok) return;
          setBusy(true);
          try {
            await downloadExam(exam.id);
            Toast.show({ content: t('learning.offline.downloadedOk') });
            void qc.invalidateQueries({ queryKey: ['offline'] });
            void qc.invalidateQueries({ queryKey: ['learning', 'my'] });
          } catch (e) {
            Toast.show({ content: errorText(e, t) });
          } finally {
            setBusy(false);
          }
        }}
        data-testid="m-offline-download"
      >
        {t('learning.offline.download')}
      </Button>
    </div>
  );
}

/** Answering a downloaded paper: everything on the phone, the countdown from the server's deadline, 交卷 into the outbox. */
export function OfflineTakePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const attemptId = Number(useParams().id);
  const sync = useSyncStatus();
  const [rec, setRec] = useState<OfflineExam | null | undefined>(undefined);
  const [idx, setIdx] = useState(0);
  const [left, setLeft] = useState<number | null>(null);
  // Reloaded after a sync, so the result shows when the submission is in.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the outbox changes
  useEffect(() => {
    void offlineExam(attemptId).then((r) => setRec(r ?? null));
  }, [attemptId, sync.pending, sync.state]);
  useEffect(() => {
    if (!rec || rec.finishedAt) return;
    const tick = () => {
      const s = Math.max(0, Math.floor((localDeadline(rec) - Date.now()) / 1000));
      setLeft(s);
      // The phone's timer ends the attempt at the limit (the finish recorded is the deadline).
      if (s === 0 && rec.paper.deadlineAt) void finishOfflineExam(attemptId).then((r) => r && setRec({ ...r }));
    };
    tick();
    const h = setInterval(tick, 1000);
    return () => clearInterval(h);
  }, [rec, attemptId]);
  if (rec === undefined) return <FullPageSpin />;
  if (rec === null) return <ErrorBlock status="empty" title={t('learning.offline.noneDownloaded')} description="" />;
  if (rec.finishedAt)
    return (
      <div style={{ padding: 12 }} data-testid="m-offline-done">
        <SyncStatus />
        {rec.result ? (
          <NoticeBar
            color="success"
            content={
              <span data-testid="m-offline-result">
                {t('learning.offline.synced', { score: rec.result.score ?? '—', max: rec.result.maxScore })}
              </span>
            }
          />
        ) : (
          <NoticeBar color="alert" content={<span data-testid="m-offline-queued">{t('learning.offline.queued')}</span>} wrap />
        )}
        {rec.result && (
          <Button
            block
            color="primary"
            style={{ marginTop: 12 }}
            onClick={() => {
              void qc.invalidateQueries({ queryKey: ['learning', 'my'] });
              navigate(`/m/learning/attempts/${attemptId}/review`);
            }}
            data-testid="m-offline-review"
          >
            {t('learning.m.seeReview')}
          </Button>
        )}
      </div>
    );
  const qs = rec.paper.questions;
  const cur = qs[idx];
  const answered = qs.filter((q) => rec.answers[q.questionId]).length;
  const change = (r: Response | null) => {
    const next = { ...rec, answers: { ...rec.answers, [cur.questionId]: r } };
    setRec(next);
    void saveOfflineAnswer(attemptId, cur.questionId, r);
  };
  const submit = async () => {
    const missing = qs.length - answered;
    const ok = await Dialog.confirm({
      content: missing > 0 ? t('learning.m.submitMissing', { n: missing }) : t('learning.m.submitConfirm'),
      confirmText: t('learning.m.submit'),
      cancelText: t('learning.m.back'),
    });
    if (!ok) return;
    const r = await finishOfflineExam(attemptId);
    if (r) setRec({ ...r });
    void qc.invalidateQueries({ queryKey: ['offline'] });
  };
  return (
    <div style={{ paddingBottom: 24 }}>
      <NoticeBar
        color={left != null && left < 300 ? 'error' : 'info'}
        content={`${rec.paper.deadlineAt && left != null ? t('learning.m.left', { t: mmss(left) }) : ''} · ${t('learning.offline.savedLocal')}`}
        data-testid="m-countdown"
      />
      <div style={{ padding: '12px 16px', background: '#fff' }}>
        <div style={{ color: 'var(--adm-color-weak)', fontSize: 13, marginBottom: 8 }} data-testid="m-progress">
          {t('learning.m.progress', { i: idx + 1, n: qs.length })} · {cur.typeName} · {t('learning.m.points', { n: cur.points })}
        </div>
        <div style={{ fontSize: 17, marginBottom: 16 }} data-testid="m-stem">
          {cur.stem}
        </div>
        <QuestionInputView key={cur.questionId} q={cur} value={rec.answers[cur.questionId] ?? null} onChange={change} />
      </div>
      <Space block style={{ padding: 12, justifyContent: 'space-between' }}>
        <Button disabled={idx === 0} onClick={() => setIdx(idx - 1)} data-testid="m-prev">
          {t('learning.m.prev')}
        </Button>
        {idx < qs.length - 1 ? (
          <Button color="primary" onClick={() => setIdx(idx + 1)} data-testid="m-next">
            {t('learning.m.next')}
          </Button>
        ) : (
          <Button color="danger" onClick={() => void submit()} data-testid="m-submit">
            {t('learning.m.submit')}
          </Button>
        )}
      </Space>
    </div>
  );
}
