import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { APPRAISAL_GRADES } from '@vanguard/shared';
import type { BallotInput } from '@vanguard/shared/api/life';
import { Button, Dialog, List, NoticeBar, ProgressCircle, Radio, Space, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { lifeApi } from '../../api/life';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';

type BallotGrade = BallotInput['ratings'][number]['grade'];

/** 我的学时: this year's hours against the target, with the meetings that counted. */
export function MHoursPage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['life', 'my', 'hours'], queryFn: lifeApi.myHours });
  if (q.isPending) return <FullPageSpin />;
  if (q.isError) return <ErrorBlock status="empty" description={errorText(q.error, t)} />;
  const h = q.data;
  return (
    <div>
      <div style={{ background: '#fff', padding: 24, display: 'flex', alignItems: 'center', gap: 24 }}>
        <ProgressCircle
          percent={Math.min(100, Math.round((h.hours / h.target) * 100))}
          style={{ '--size': '96px', '--fill-color': '#c8161e' } as React.CSSProperties}
        >
          <span data-testid="mlife-hours">{h.hours}</span>
        </ProgressCircle>
        <div>
          <div style={{ fontSize: 16 }}>{t('life.m.yearHours', { year: h.year })}</div>
          <div style={{ color: 'var(--adm-color-weak)', marginTop: 4 }}>{t('life.m.target', { target: h.target })}</div>
        </div>
      </div>
      <List>
        {h.meetings.map((m) => (
          <List.Item key={m.id} description={formatDateTime(m.startsAt)} extra={`${m.hours} h`}>
            {m.typeName} · {m.topic}
          </List.Item>
        ))}
      </List>
    </div>
  );
}

const GRADES = Object.keys(APPRAISAL_GRADES) as (keyof typeof APPRAISAL_GRADES)[];

/** 民主评议 on the phone: my self-evaluation, then one secret ballot over every other member. */
export function MAppraisalPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['life', 'my', 'appraisal', id], queryFn: () => lifeApi.myAppraisal(id) });
  const [summary, setSummary] = useState<string | null>(null);
  const [ratings, setRatings] = useState<Record<number, BallotGrade>>({});
  const refresh = () => qc.invalidateQueries({ queryKey: ['life', 'my'] });
  const fail = (e: unknown) => Toast.show({ content: errorText(e, t), duration: 3000 });
  const self = useMutation({
    mutationFn: () => lifeApi.submitSelf(id, summary ?? ''),
    onSuccess: () => {
      Toast.show({ icon: 'success', content: t('life.m.done') });
      void refresh();
    },
    onError: fail,
  });
  const ballot = useMutation({
    mutationFn: () =>
      lifeApi.ballot(
        id,
        Object.entries(ratings).map(([memberId, grade]) => ({ memberId: Number(memberId), grade })),
      ),
    onSuccess: () => {
      Toast.show({ icon: 'success', content: t('life.m.done') });
      void refresh();
    },
    onError: fail,
  });
  if (q.isPending) return <FullPageSpin />;
  if (q.isError) return <ErrorBlock status="empty" description={errorText(q.error, t)} />;
  const a = q.data;
  const open = a.status === 'open';
  return (
    <div style={{ paddingBottom: 24 }}>
      {a.grade && <NoticeBar content={`${t('life.m.result')}：${t(`life.grade.${a.grade as 'qualified'}`)}`} color="info" />}
      <List header={`${a.year} ${t('life.m.selfTitle')}`}>
        <List.Item>
          <TextArea
            value={summary ?? a.selfSummary ?? ''}
            onChange={setSummary}
            rows={5}
            disabled={!open}
            placeholder={t('life.m.selfPlaceholder')}
            data-testid="mlife-self"
          />
        </List.Item>
        {open && (
          <List.Item>
            <Button
              block
              color="danger"
              fill="outline"
              loading={self.isPending}
              onClick={() => self.mutate()}
              data-testid="mlife-self-submit"
            >
              {t('life.m.submitSelf')}
            </Button>
          </List.Item>
        )}
      </List>
      <List header={t('life.m.ballotTitle')}>
        {a.voted ? (
          <List.Item>
            <Tag color="success" data-testid="mlife-voted">
              {t('life.m.done')}
            </Tag>
          </List.Item>
        ) : open ? (
          <>
            <List.Item>
              <span style={{ color: 'var(--adm-color-weak)', fontSize: 13 }}>{t('life.m.ballotHint')}</span>
            </List.Item>
            {a.others.map((o) => (
              <List.Item key={o.memberId} description={o.category === 'probationary' ? '预备党员' : undefined}>
                <div style={{ marginBottom: 6 }}>{o.name}</div>
                <Radio.Group value={ratings[o.memberId]} onChange={(v) => setRatings((r) => ({ ...r, [o.memberId]: v as BallotGrade }))}>
                  <Space wrap>
                    {GRADES.map((g) => (
                      <Radio key={g} value={g} data-testid={`mlife-rate-${o.memberId}-${g}`}>
                        {t(`life.grade.${g}`)}
                      </Radio>
                    ))}
                  </Space>
                </Radio.Group>
              </List.Item>
            ))}
            <List.Item>
              <Button
                block
                fill="outline"
                style={{ marginBottom: 8 }}
                onClick={() =>
                  setRatings((r) => ({ ...Object.fromEntries(a.others.map((o) => [o.memberId, 'qualified' as const])), ...r }))
                }
                data-testid="mlife-rate-rest"
              >
                {t('life.appraisal.restQualified')}
              </Button>
              <Button
                block
                color="danger"
                loading={ballot.isPending}
                disabled={Object.keys(ratings).length !== a.others.length}
                onClick={() => {
                  void Dialog.confirm({ content: t('life.m.ballotHint'), onConfirm: async () => void (await ballot.mutateAsync()) });
                }}
                data-testid="mlife-ballot-submit"
              >
                {t('life.m.submitBallot')}
              </Button>
            </List.Item>
          </>
        ) : (
          <List.Item>—</List.Item>
        )}
      </List>
    </div>
  );
}
