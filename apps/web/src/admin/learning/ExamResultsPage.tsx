import { ArrowLeftOutlined, DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Input,
  InputNumber,
  Popconfirm,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type GradingItem, type ItemStat, learningApi, type OrgResult, type PersonResult } from '../../api/learning';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { tx } from '../../lib/learning-text';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';

const pct = (x: number | null) => (x == null ? '—' : `${Math.round(x * 1000) / 10}%`);

/** One exam: its rules, results per person and per org, the item analysis, hand grading, Excel export. */
export function ExamResultsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const [orgId, setOrgId] = useState<number | undefined>();
  const exam = useQuery({ queryKey: ['learning', 'exam', id], queryFn: () => learningApi.exam(id) });
  const results = useQuery({ queryKey: ['learning', 'results', id, orgId], queryFn: () => learningApi.results(id, orgId) });
  const analysis = useQuery({ queryKey: ['learning', 'analysis', id, orgId], queryFn: () => learningApi.analysis(id, orgId) });
  const grading = useQuery({ queryKey: ['learning', 'grading', id], queryFn: () => learningApi.grading(id) });
  const exporting = useMutation({
    mutationFn: () => learningApi.resultsXlsx(id, orgId),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName ?? `exam-${id}.xlsx`),
    onError: (e) => message.error(errorText(e, t)),
  });
  const close = useMutation({
    mutationFn: () => learningApi.close(id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['learning'] }),
    onError: (e) => message.error(errorText(e, t)),
  });
  if (exam.isError) return <Empty description={errorText(exam.error, t)} />;
  const e = exam.data;
  const open = e && e.status === 'published' && new Date(e.closesAt).getTime() > Date.now();
  return (
    <Card
      loading={exam.isPending}
      title={
        <Space>
          <Link to="/admin/learning?tab=exams">
            <ArrowLeftOutlined />
          </Link>
          <span data-testid="exam-heading">{e?.title}</span>
        </Space>
      }
      extra={
        <Flex gap={8} align="center" style={{ minWidth: 420 }}>
          <OrgTreeSelect value={orgId} onChange={setOrgId} allowClear placeholder={t('learning.results.allOrgs')} testId="results-org" />
          <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="results-export">
            {t('learning.results.export')}
          </Button>
          {open && (
            <Popconfirm title={t('learning.exam.closeConfirm')} onConfirm={() => close.mutate()}>
              <Button danger>{t('learning.exam.close')}</Button>
            </Popconfirm>
          )}
        </Flex>
      }
    >
      {e && (
        <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('learning.exam.audience')}>{e.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('learning.exam.mode')}>{tx(t, `learning.modes.${e.mode}`)}</Descriptions.Item>
          <Descriptions.Item label={t('learning.exam.window')}>
            {formatDateTime(e.opensAt)} ~ {formatDateTime(e.closesAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('learning.exam.limit')}>
            {e.timeLimitMinutes ? `${e.timeLimitMinutes} ${t('learning.minutes')}` : t('learning.noLimit')}
          </Descriptions.Item>
          <Descriptions.Item label={t('learning.exam.policy')}>
            {tx(t, `learning.policies.${e.gradingPolicy}`)}（{t('learning.exam.maxAttempts')} {e.maxAttempts}）
          </Descriptions.Item>
          <Descriptions.Item label={t('learning.exam.review')}>{tx(t, `learning.reviews.${e.reviewRule}`)}</Descriptions.Item>
          <Descriptions.Item label={t('learning.exam.questions')}>
            {t('learning.exam.qCount', { n: e.questionCount, score: e.maxScore })}
          </Descriptions.Item>
          <Descriptions.Item label={t('learning.exam.pass')}>{e.passScore}</Descriptions.Item>
          {e.mode === 'random' && (
            <Descriptions.Item label={t('learning.exam.rules')}>
              {e.drawRules
                .map(
                  (r) =>
                    `${r.category}·${r.difficulty ? tx(t, `learning.difficulty.${r.difficulty}`) : t('learning.anyDifficulty')} ${r.count}×${r.points}`,
                )
                .join('，')}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      <Tabs
        items={[
          {
            key: 'persons',
            label: t('learning.results.persons'),
            children: (
              <div data-testid="results-persons">
                <Table<PersonResult>
                  rowKey="memberId"
                  size="small"
                  loading={results.isPending}
                  dataSource={results.data?.persons ?? []}
                  locale={{ emptyText: t('learning.results.none') }}
                  pagination={{ pageSize: 20, showSizeChanger: true }}
                  columns={[
                    { title: t('learning.results.name'), dataIndex: 'memberName' },
                    { title: t('learning.results.org'), dataIndex: 'orgName' },
                    { title: t('learning.results.tries'), dataIndex: 'attempts' },
                    {
                      title: t('learning.results.scores'),
                      dataIndex: 'scores',
                      render: (s: (number | null)[]) => s.map((x) => x ?? t('learning.pending')).join('、'),
                    },
                    {
                      title: `${t('learning.results.result')}（${results.data?.gradingPolicyName ?? ''}）`,
                      dataIndex: 'result',
                      sorter: (a, b) => (a.result ?? -1) - (b.result ?? -1),
                      render: (v: number | null, r) => (v == null ? '—' : `${v} / ${r.maxScore}`),
                    },
                    {
                      title: t('learning.results.status'),
                      render: (_, r) =>
                        r.inProgress ? (
                          <Tag color="blue">{t('learning.inProgress')}</Tag>
                        ) : r.pending ? (
                          <Tag color="gold">{t('learning.pending')}</Tag>
                        ) : r.passed ? (
                          <Tag color="green">{t('learning.passed')}</Tag>
                        ) : (
                          <Tag color="red">{t('learning.failed')}</Tag>
                        ),
                    },
                  ]}
                />
              </div>
            ),
          },
          {
            key: 'orgs',
            label: t('learning.results.byOrg'),
            children: (
              <Table<OrgResult>
                rowKey="orgId"
                size="small"
                loading={results.isPending}
                dataSource={results.data?.orgs ?? []}
                pagination={false}
                locale={{ emptyText: t('learning.results.none') }}
                columns={[
                  { title: t('learning.results.org'), dataIndex: 'orgName' },
                  { title: t('learning.results.audience'), dataIndex: 'audience' },
                  { title: t('learning.results.takers'), dataIndex: 'takers' },
                  { title: t('learning.results.participation'), dataIndex: 'participation', render: pct },
                  { title: t('learning.results.average'), dataIndex: 'average', render: (v: number | null) => v ?? '—' },
                  { title: t('learning.results.passRate'), dataIndex: 'passRate', render: pct },
                ]}
              />
            ),
          },
          {
            key: 'analysis',
            label: <span data-testid="tab-analysis">{t('learning.results.analysis')}</span>,
            children: (
              <Flex vertical gap={8}>
                <Typography.Text type="secondary">
                  {t('learning.results.analysisHint', { n: analysis.data?.attempts ?? 0 })}
                </Typography.Text>
                <div data-testid="analysis-table">
                  <Table<ItemStat>
                    rowKey="questionId"
                    size="small"
                    loading={analysis.isPending}
                    dataSource={analysis.data?.items ?? []}
                    pagination={false}
                    locale={{ emptyText: t('learning.results.none') }}
                    columns={[
                      { title: t('learning.q.stem'), dataIndex: 'stem', ellipsis: true },
                      { title: t('learning.q.type'), dataIndex: 'typeName', width: 80 },
                      { title: t('learning.q.category'), dataIndex: 'category', width: 90 },
                      { title: t('learning.results.answered'), dataIndex: 'answered', width: 80 },
                      { title: t('learning.results.facility'), dataIndex: 'facility', width: 110, render: pct },
                      {
                        title: t('learning.results.discrimination'),
                        dataIndex: 'discrimination',
                        width: 110,
                        render: (v: number | null, r) =>
                          r.flagged ? (
                            <Tooltip title={t('learning.results.flagHint')}>
                              <Tag color="red" icon={<WarningOutlined />}>
                                {v}
                              </Tag>
                            </Tooltip>
                          ) : (
                            (v ?? '—')
                          ),
                      },
                    ]}
                  />
                </div>
              </Flex>
            ),
          },
          {
            key: 'grading',
            label: t('learning.results.grading', { n: grading.data?.length ?? 0 }),
            children: <GradingList items={grading.data ?? []} />,
          },
        ]}
      />
    </Card>
  );
}

function GradingList({ items }: { items: GradingItem[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [scores, setScores] = useState<Record<number, { points?: number; comment?: string }>>({});
  const grade = useMutation({
    mutationFn: (it: GradingItem) => learningApi.grade(it.itemId, scores[it.itemId]?.points ?? 0, scores[it.itemId]?.comment),
    onSuccess: () => {
      message.success(t('learning.results.graded'));
      void qc.invalidateQueries({ queryKey: ['learning'] });
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  if (items.length === 0) return <Empty description={t('learning.results.noGrading')} />;
  return (
    <Flex vertical gap={12}>
      {items.map((it) => (
        <Card key={it.itemId} size="small" title={`${it.memberName}（${it.orgName}）`}>
          <Typography.Paragraph strong>{it.stem}</Typography.Paragraph>
          <Typography.Paragraph>
            {t('learning.results.theirAnswer')}：{it.text}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            {t('learning.q.reference')}：{it.reference}
          </Typography.Paragraph>
          <Space>
            <InputNumber
              min={0}
              max={it.points}
              addonAfter={`/ ${it.points}`}
              onChange={(v) => setScores((s) => ({ ...s, [it.itemId]: { ...s[it.itemId], points: v ?? undefined } }))}
            />
            <Input
              placeholder={t('learning.results.comment')}
              style={{ width: 300 }}
              onChange={(e) => setScores((s) => ({ ...s, [it.itemId]: { ...s[it.itemId], comment: e.target.value } }))}
            />
            <Button type="primary" onClick={() => grade.mutate(it)} disabled={scores[it.itemId]?.points == null}>
              {t('learning.results.grade')}
            </Button>
          </Space>
        </Card>
      ))}
    </Flex>
  );
}
