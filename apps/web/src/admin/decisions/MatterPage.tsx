import { useQuery } from '@tanstack/react-query';
import type { DecisionStep } from '@vanguard/shared';
import { Alert, Card, Descriptions, Empty, Space, Spin, Steps, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { decisionsApi, type MatterStatus } from '../../api/decisions';
import { StepForm } from './StepForm';

/** One 三重一大 matter: the ordered checklist, the record of each step, the opinions, the publication. */
export function MatterPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['decision', id], queryFn: () => decisionsApi.get(id) });
  if (q.isLoading) return <Spin />;
  const m = q.data;
  if (!m) return <Empty description={t('decisions.notFound')} />;
  const next = m.status === 'rejected' ? undefined : m.required.find((r) => !r.done);
  const current = m.required.findIndex((r) => !r.done);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title={<span data-testid="decisions-matter-title">{m.title}</span>}
        extra={<Link to={`/admin/decisions?orgId=${m.orgId}`}>{t('decisions.back')}</Link>}
      >
        <Descriptions column={3} size="small">
          <Descriptions.Item label={t('decisions.org')}>{m.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('decisions.kind')}>{m.kindName}</Descriptions.Item>
          <Descriptions.Item label={t('decisions.status')}>
            <span data-testid="decisions-status">{t(`decisions.statuses.${m.status as MatterStatus}`)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('decisions.amount')}>
            {m.amountYuan === null ? '—' : m.amountYuan.toLocaleString('zh-CN')}{' '}
            {m.largeAmount ? <Tag color="red">{t('decisions.large')}</Tag> : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('decisions.rules')}>{m.rulesVersion}</Descriptions.Item>
          {m.committeeSize !== null ? (
            <Descriptions.Item label={t('decisions.counts')}>
              <span data-testid="decisions-counts">
                {t('decisions.countsText', { size: m.committeeSize, present: m.presentCount ?? 0, agree: m.agreeCount ?? '—' })}
              </span>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        <Steps
          size="small"
          style={{ marginTop: 16 }}
          current={current < 0 ? m.required.length : current}
          items={m.required.map((r) => ({ title: r.stepName, status: r.done ? 'finish' : r.step === next?.step ? 'process' : 'wait' }))}
        />
      </Card>
      {m.status === 'rejected' ? <Alert type="error" showIcon message={t('decisions.rejected')} /> : null}
      {next ? (
        <Card title={t('decisions.nextTitle', { step: next.stepName })} data-testid="decisions-next">
          <StepForm key={next.step} matter={m} step={next.step as DecisionStep} />
        </Card>
      ) : null}
      <Card title={t('decisions.record_')}>
        <Table
          rowKey="step"
          size="small"
          pagination={false}
          dataSource={m.steps}
          locale={{ emptyText: t('decisions.noSteps') }}
          columns={[
            { title: t('decisions.step'), dataIndex: 'stepName' },
            { title: t('decisions.doneOn'), dataIndex: 'doneOn' },
            { title: t('decisions.people'), dataIndex: 'people' },
            { title: t('decisions.note'), dataIndex: 'note' },
          ]}
        />
      </Card>
      {m.opinions.length ? (
        <Card title={t('decisions.opinions')}>
          {!m.secretaryLast ? (
            <Alert type="warning" showIcon message={t('decisions.secretaryNotLast')} style={{ marginBottom: 8 }} />
          ) : null}
          <Table
            rowKey="memberId"
            size="small"
            pagination={false}
            dataSource={m.opinions}
            columns={[
              { title: t('decisions.order'), dataIndex: 'position' },
              {
                title: t('decisions.member'),
                dataIndex: 'memberName',
                render: (v: string, r) => (r.isSecretary ? `${v}（${t('decisions.secretary')}）` : v),
              },
              { title: t('decisions.opinion'), dataIndex: 'opinionName' },
              { title: t('decisions.reason'), dataIndex: 'reason' },
            ]}
          />
        </Card>
      ) : null}
      {m.publication ? (
        <Card title={t('decisions.publication')}>
          <Descriptions column={2} size="small">
            <Descriptions.Item label={t('decisions.publishOrg')}>{m.publication.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('decisions.publishedAt')}>
              {dayjs(m.publication.publishedAt).format('YYYY-MM-DD HH:mm')}
            </Descriptions.Item>
            <Descriptions.Item label={t('decisions.readStats')}>
              <span data-testid="decisions-reads">
                {t('decisions.readStatsText', { reads: m.publication.reads, audience: m.publication.audience })}
              </span>
            </Descriptions.Item>
          </Descriptions>
          <p style={{ whiteSpace: 'pre-wrap' }}>{m.publication.body}</p>
        </Card>
      ) : null}
    </Space>
  );
}
