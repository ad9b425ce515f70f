import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ELECTION_STATUSES, EXCLUSION_REASONS } from '@vanguard/shared/api/elections';
import { App, Button, Card, Descriptions, Flex, Popconfirm, Progress, Select, Space, Steps, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { type ElectionDetail, electionsApi } from '../../api/elections';
import { errorText } from '../../lib/error-text';
import { useMemberOptions } from './member-options';
import { ResultsCard } from './ResultsCard';

const STEPS = ['draft', 'approved', 'frozen', 'ready', 'open', 'closed', 'released'] as const;

/** The quorum gauge: present against more than 4/5 of those entitled. */
function QuorumGauge({ e }: { e: ElectionDetail }) {
  const { t } = useTranslation();
  const need = Math.floor((e.counts.entitled * 4) / 5) + 1;
  return (
    <div data-testid="election-quorum">
      <Progress
        percent={e.counts.entitled ? Math.round((e.counts.present / e.counts.entitled) * 100) : 0}
        success={{ percent: 80 }}
        status={e.counts.quorumMet ? 'success' : 'active'}
        aria-label={t('elections.quorum')}
      />
      <span>{t('elections.quorumText', { present: e.counts.present, entitled: e.counts.entitled, need })}</span>{' '}
      {e.counts.quorumMet ? <Tag color="green">{t('elections.quorumMet')}</Tag> : <Tag color="orange">{t('elections.quorumNotMet')}</Tag>}
    </div>
  );
}

function Candidates({ e, onSaved }: { e: ElectionDetail; onSaved: (d: ElectionDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const options = useMemberOptions(e.orgId);
  const [ids, setIds] = useState<number[]>(e.candidates.map((c) => c.memberId));
  const save = useMutation({
    mutationFn: () => electionsApi.setCandidates(e.id, ids),
    onSuccess: onSaved,
    onError: (err) => message.error(errorText(err, t)),
  });
  return (
    <Card size="small" title={t('elections.candidates', { min: e.counts.minCandidates, seats: e.seats })}>
      {e.status === 'draft' ? (
        <Flex gap={8}>
          <Select
            mode="multiple"
            style={{ minWidth: 360 }}
            value={ids}
            onChange={setIds}
            options={options}
            optionFilterProp="label"
            aria-label={t('elections.pickCandidates')}
            data-testid="election-candidates"
          />
          <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="election-candidates-save">
            {t('elections.saveCandidates')}
          </Button>
        </Flex>
      ) : null}
      <ol data-testid="election-ballot-order">
        {e.candidates.map((c) => (
          <li key={c.memberId}>{c.name}</li>
        ))}
      </ol>
    </Card>
  );
}

function Roll({ e, onChanged }: { e: ElectionDetail; onChanged: (d: ElectionDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const q = useQuery({ queryKey: ['election-voters', e.id, page], queryFn: () => electionsApi.voters(e.id, { page, pageSize: 50 }) });
  const act = useMutation({
    mutationFn: (f: () => Promise<ElectionDetail>) => f(),
    onSuccess: (d) => {
      onChanged(d);
      void qc.invalidateQueries({ queryKey: ['election-voters', e.id] });
    },
    onError: (err) => message.error(errorText(err, t)),
  });
  const frozen = !['draft', 'approved'].includes(e.status);
  return (
    <Table
      rowKey="id"
      size="small"
      loading={q.isPending}
      dataSource={q.data?.items ?? []}
      locale={{ emptyText: t('elections.noRoll') }}
      pagination={{ current: page, pageSize: 50, total: q.data?.total ?? 0, onChange: setPage }}
      columns={[
        { title: t('elections.voter'), dataIndex: 'name' },
        {
          title: t('elections.exclusion'),
          dataIndex: 'excludedReason',
          render: (r: string | null, v) =>
            frozen ? (
              r ? (
                EXCLUSION_REASONS[r as keyof typeof EXCLUSION_REASONS]
              ) : (
                '—'
              )
            ) : (
              <Select
                allowClear
                size="small"
                style={{ width: 200 }}
                value={r ?? undefined}
                aria-label={t('elections.exclusion')}
                options={Object.entries(EXCLUSION_REASONS).map(([value, label]) => ({ value, label }))}
                onChange={(reason) => act.mutate(() => electionsApi.exclude(e.id, v.id, reason ?? null))}
              />
            ),
        },
        {
          title: t('elections.checkedIn'),
          dataIndex: 'checkedIn',
          render: (c: boolean) => (c ? <Tag color="green">{t('elections.present')}</Tag> : '—'),
        },
        {
          title: t('elections.voted'),
          dataIndex: 'voted',
          render: (x: boolean, v) => (x ? <Tag>{v.channel === 'paper' ? t('elections.paper') : t('elections.online')}</Tag> : '—'),
        },
        {
          title: t('elections.actions'),
          render: (_: unknown, v) => (
            <Space>
              {['frozen', 'ready', 'open'].includes(e.status) && !v.checkedIn && !v.excludedReason ? (
                <Button
                  size="small"
                  onClick={() => act.mutate(() => electionsApi.checkIn(e.id, v.memberId))}
                  data-testid={`election-checkin-${v.memberId}`}
                >
                  {t('elections.checkIn')}
                </Button>
              ) : null}
              {e.status === 'open' && v.checkedIn && !v.voted ? (
                <Popconfirm
                  title={t('elections.paperConfirm', { name: v.name })}
                  onConfirm={() => act.mutate(() => electionsApi.paper(e.id, v.memberId))}
                >
                  <Button size="small" data-testid={`election-paper-${v.memberId}`}>
                    {t('elections.issuePaper')}
                  </Button>
                </Popconfirm>
              ) : null}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** One election: the plan, the roll, the tellers, the meeting control with the quorum gauge, the results. */
export function ElectionPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['election', id], queryFn: () => electionsApi.get(id) });
  const set = (d: ElectionDetail) => qc.setQueryData(['election', id], d);
  const step = useMutation({
    mutationFn: (s: 'approve' | 'roll' | 'freeze' | 'open' | 'close') => electionsApi.step(id, s),
    onSuccess: (d) => {
      set(d);
      void qc.invalidateQueries({ queryKey: ['election-voters', id] });
    },
    onError: (err) => message.error(errorText(err, t)),
  });
  if (q.isPending) return <Card loading />;
  if (q.error) return <Card>{errorText(q.error, t)}</Card>;
  const e = q.data;
  const btn = (s: 'approve' | 'roll' | 'freeze' | 'open' | 'close', confirm?: string) =>
    confirm ? (
      <Popconfirm title={confirm} onConfirm={() => step.mutate(s)}>
        <Button type="primary" loading={step.isPending} data-testid={`election-${s}`}>
          {t(`elections.step.${s}`)}
        </Button>
      </Popconfirm>
    ) : (
      <Button type="primary" loading={step.isPending} onClick={() => step.mutate(s)} data-testid={`election-${s}`}>
        {t(`elections.step.${s}`)}
      </Button>
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={`${e.orgName} · ${e.title}`} extra={<Tag data-testid="election-status">{ELECTION_STATUSES[e.status]}</Tag>}>
        <Steps size="small" current={STEPS.indexOf(e.status)} items={STEPS.map((s) => ({ title: ELECTION_STATUSES[s] }))} />
        <Descriptions size="small" style={{ marginTop: 12 }} column={3}>
          <Descriptions.Item label={t('elections.seats')}>{e.seats}</Descriptions.Item>
          <Descriptions.Item label={t('elections.rollOn')}>{e.rollOn}</Descriptions.Item>
          <Descriptions.Item label={t('elections.ruleset')}>{e.rulesetVersion}</Descriptions.Item>
          <Descriptions.Item label={t('elections.roll')}>{t('elections.rollCounts', e.counts)}</Descriptions.Item>
          <Descriptions.Item label={t('elections.votedCounts')}>{t('elections.votedText', e.counts)}</Descriptions.Item>
          <Descriptions.Item label={t('elections.key')}>{e.publicKey ? `${e.publicKey.slice(0, 16)}…` : '—'}</Descriptions.Item>
        </Descriptions>
        <Space wrap style={{ marginTop: 8 }}>
          {e.status === 'draft' ? btn('approve') : null}
          {e.status === 'approved' ? btn('roll') : null}
          {e.status === 'approved' && e.counts.roll > 0 ? btn('freeze', t('elections.freezeConfirm')) : null}
          {e.status === 'ready' ? btn('open', t('elections.openConfirm')) : null}
          {e.status === 'open' ? btn('close', t('elections.closeConfirm')) : null}
        </Space>
      </Card>
      <Candidates e={e} onSaved={set} />
      <Card size="small" title={t('elections.tellersTitle', { t: e.threshold, n: e.tellers.length })}>
        <Table
          rowKey="index"
          size="small"
          pagination={false}
          dataSource={e.tellers}
          columns={[
            { title: '#', dataIndex: 'index' },
            { title: t('elections.teller'), dataIndex: 'name' },
            { title: t('elections.hasKey'), dataIndex: 'hasKey', render: (x: boolean) => (x ? '✓' : '—') },
            { title: t('elections.hasDealt'), dataIndex: 'hasDealt', render: (x: boolean) => (x ? '✓' : '—') },
            { title: t('elections.hasPaper'), dataIndex: 'hasPaperCount', render: (x: boolean) => (x ? '✓' : '—') },
            { title: t('elections.hasShare'), dataIndex: 'hasShare', render: (x: boolean) => (x ? '✓' : '—') },
          ]}
        />
      </Card>
      {['frozen', 'ready', 'open', 'closed', 'released'].includes(e.status) ? (
        <Card size="small" title={t('elections.meeting')}>
          <QuorumGauge e={e} />
        </Card>
      ) : null}
      <Card size="small" title={t('elections.rollTitle')}>
        <Roll e={e} onChanged={set} />
      </Card>
      {e.status === 'released' ? <ResultsCard e={e} onChanged={set} /> : null}
    </Space>
  );
}
