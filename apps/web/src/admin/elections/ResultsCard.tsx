import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Popconfirm, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { type ElectionDetail, electionsApi } from '../../api/elections';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';

/** The released results: votes by ballot order, elected, run-off and shortfall; the Excel report; the board export. */
export function ResultsCard({ e, onChanged }: { e: ElectionDetail; onChanged: (d: ElectionDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: ['election-results', e.id, e.shortfallDecision], queryFn: () => electionsApi.results(e.id) });
  const decide = useMutation({
    mutationFn: (d: 'another-round' | 'fewer-seats') => electionsApi.shortfall(e.id, d),
    onSuccess: onChanged,
    onError: (err) => message.error(errorText(err, t)),
  });
  const xlsx = async () => {
    const f = await electionsApi.resultsXlsx(e.id);
    saveBlob(f.blob, f.fileName ?? `election-${e.id}.xlsx`);
  };
  const board = async () => {
    const b = await electionsApi.exportBoard(e.id);
    saveBlob(new Blob([JSON.stringify(b)], { type: 'application/json' }), `election-${e.id}-board.json`);
  };
  if (!q.data) return <Card loading={q.isPending}>{q.error ? errorText(q.error, t) : null}</Card>;
  const r = q.data;
  return (
    <Card
      size="small"
      title={t('elections.results')}
      extra={
        <Space>
          <Button onClick={() => void xlsx()} data-testid="election-xlsx">
            {t('elections.report')}
          </Button>
          <Button onClick={() => void board()} data-testid="election-export">
            {t('elections.exportBoard')}
          </Button>
        </Space>
      }
    >
      <Descriptions size="small" column={3}>
        <Descriptions.Item label={t('elections.entitled')}>{r.entitled}</Descriptions.Item>
        <Descriptions.Item label={t('elections.present')}>{r.present}</Descriptions.Item>
        <Descriptions.Item label={t('elections.issued')}>{r.ballotsIssued}</Descriptions.Item>
        <Descriptions.Item label={t('elections.returned')}>{r.ballotsReturned}</Descriptions.Item>
        <Descriptions.Item label={t('elections.invalid')}>{r.invalid}</Descriptions.Item>
        <Descriptions.Item label={t('elections.needed')}>{Math.floor(r.basis / 2) + 1}</Descriptions.Item>
      </Descriptions>
      <Table
        rowKey="memberId"
        size="small"
        pagination={false}
        dataSource={r.rows}
        data-testid="election-results"
        columns={[
          { title: t('elections.candidate'), dataIndex: 'name' },
          { title: t('elections.votes'), dataIndex: 'votes' },
          {
            title: t('elections.outcome'),
            render: (_: unknown, x) =>
              x.elected ? (
                <Tag color="red">{t('elections.elected')}</Tag>
              ) : x.tied ? (
                <Tag color="orange">{t('elections.runoff')}</Tag>
              ) : (
                t('elections.notElected')
              ),
          },
        ]}
      />
      {r.shortfall > 0 ? (
        <Space style={{ marginTop: 8 }}>
          <span>{t('elections.shortfall', { n: r.shortfall })}</span>
          {r.shortfallDecision ? (
            <Tag>{t(`elections.decision.${r.shortfallDecision as 'another-round' | 'fewer-seats'}`)}</Tag>
          ) : (
            (['another-round', 'fewer-seats'] as const).map((d) => (
              <Popconfirm key={d} title={t(`elections.decision.${d}`)} onConfirm={() => decide.mutate(d)}>
                <Button size="small">{t(`elections.decision.${d}`)}</Button>
              </Popconfirm>
            ))
          )}
        </Space>
      ) : null}
    </Card>
  );
}
