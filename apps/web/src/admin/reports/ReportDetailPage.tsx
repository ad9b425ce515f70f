import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { REPORT_OUTCOME_LABELS, REPORT_STATUS_LABELS } from '@vanguard/shared';
import { Alert, App, Button, Card, Descriptions, Flex, Input, List, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { type ReportDetail, reportsApi } from '../../api/reports';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';
import { ReportActions } from './ReportActions';

/** One assigned report: the answers and files (decrypted for this handler), the thread, actions. */
export function ReportDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: ['reports', 'detail', id], queryFn: () => reportsApi.get(id) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['reports'] });
  const [text, setText] = useState('');
  const [kind, setKind] = useState<'reply' | 'note'>('reply');
  const send = useMutation({
    mutationFn: () => reportsApi.message(id, { kind, text }),
    onSuccess: () => {
      setText('');
      void refresh();
    },
  });
  const file = useMutation({
    mutationFn: (f: { id: number; name: string }) => reportsApi.file(id, f.id).then((r) => ({ ...r, name: f.name })),
    onSuccess: ({ blob, name }) => saveBlob(blob, name),
    onError: (e) => message.error(errorText(e, t)),
  });

  if (q.error) return <Alert type="error" showIcon title={errorText(q.error, t)} />;
  const r: ReportDetail | undefined = q.data;
  if (!r) return null;
  return (
    <Flex vertical gap={16}>
      <Card
        title={`#${r.id} ${r.channelName}`}
        extra={
          <Space>
            <Tag data-testid="report-status">{REPORT_STATUS_LABELS[r.status]}</Tag>
            {r.outcome ? <Tag color="blue">{REPORT_OUTCOME_LABELS[r.outcome]}</Tag> : null}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('reports.org')}>{r.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('reports.receivedOn')}>{r.receivedOn}</Descriptions.Item>
          <Descriptions.Item label={t('reports.acceptBy')}>{r.acceptBy}</Descriptions.Item>
          <Descriptions.Item label={t('reports.concludeBy')}>
            <Typography.Text type={r.overdue ? 'danger' : undefined}>{r.concludeBy ?? '—'}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('reports.handlers')}>{r.handlers.map((h) => h.name).join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('reports.exclusions', { n: r.exclusions })}>
            {t('reports.rules', { version: r.rulesetVersion })}
          </Descriptions.Item>
          {r.conclusionReason ? <Descriptions.Item label={t('reports.reason')}>{r.conclusionReason}</Descriptions.Item> : null}
        </Descriptions>
        <ReportActions report={r} onDone={refresh} />
      </Card>
      <Card title={t('reports.answers')} size="small">
        <Descriptions column={1} size="small" bordered>
          {r.questions
            .filter((x) => r.answers[x.key])
            .map((x) => (
              <Descriptions.Item key={x.key} label={x.label}>
                <span style={{ whiteSpace: 'pre-wrap' }} data-testid={`report-answer-${x.key}`}>
                  {r.answers[x.key]}
                </span>
              </Descriptions.Item>
            ))}
        </Descriptions>
        {r.files.length ? (
          <List
            header={t('reports.files')}
            size="small"
            dataSource={r.files}
            renderItem={(f) => (
              <List.Item
                actions={[
                  <Button key="d" size="small" onClick={() => file.mutate(f)}>
                    {t('reports.download')}
                  </Button>,
                ]}
              >
                {f.name}（{Math.ceil(f.size / 1024)} KB，{f.createdOn}）
              </List.Item>
            )}
          />
        ) : null}
      </Card>
      <Card title={t('reports.thread')} size="small">
        <List
          size="small"
          dataSource={r.messages}
          locale={{ emptyText: t('reports.noMessages') }}
          renderItem={(m) => (
            <List.Item>
              <Space direction="vertical" size={0}>
                <Typography.Text type="secondary">
                  {m.kind === 'reporter'
                    ? '举报人'
                    : m.kind === 'note'
                      ? `内部备注 · ${m.authorName ?? ''}`
                      : `回复 · ${m.authorName ?? ''}`}{' '}
                  · {m.createdOn}
                </Typography.Text>
                <span style={{ whiteSpace: 'pre-wrap' }}>{m.text}</span>
              </Space>
            </List.Item>
          )}
        />
        {r.status !== 'archived' ? (
          <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
            <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} aria-label={t('reports.thread')}>
              <Radio value="reply">{t('reports.reply')}</Radio>
              <Radio value="note">{t('reports.note')}</Radio>
            </Radio.Group>
            <Input.TextArea
              rows={3}
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-label={kind === 'reply' ? t('reports.reply') : t('reports.note')}
              data-testid="report-message"
            />
            {send.error ? <Alert type="error" showIcon title={errorText(send.error, t)} /> : null}
            <Button type="primary" disabled={!text.trim()} loading={send.isPending} onClick={() => send.mutate()} data-testid="report-send">
              {t('reports.send')}
            </Button>
          </Space>
        ) : null}
      </Card>
    </Flex>
  );
}
