import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Input, InputNumber, List, Segmented, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { lifeApi } from '../../api/life';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { PagedTable } from '../components/PagedTable';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { useOrgTree } from '../orgs/org-tree';
import { thisYear } from './life-text';

/** 党员学时台账: each member's hours this year against 32 h (56 h for secretaries and committee members). */
export function HoursPage() {
  const { t } = useTranslation();
  const tree = useOrgTree();
  const [orgId, setOrgId] = useState<number | undefined>();
  const [year, setYear] = useState(thisYear());
  const [onlyShort, setOnlyShort] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  useEffect(() => {
    if (!orgId && tree.data?.[0]) setOrgId(tree.data[0].id);
  }, [orgId, tree.data]);
  const q = useQuery({
    queryKey: ['life', 'hours', orgId, year, onlyShort, page, pageSize],
    queryFn: () => lifeApi.hours({ orgId: orgId ?? 0, year, onlyShort, page, pageSize }),
    enabled: Boolean(orgId),
  });
  const { message } = App.useApp();
  const exporting = useMutation({
    mutationFn: () => lifeApi.hoursXlsx({ orgId: orgId ?? 0, year, onlyShort }),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName ?? 'hours.xlsx'),
    onError: (e) => message.error(errorText(e, t)),
  });
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <div style={{ width: 300 }}>
          <OrgTreeSelect
            value={orgId}
            onChange={(v) => {
              setOrgId(v);
              setPage(1);
            }}
          />
        </div>
        <InputNumber
          value={year}
          onChange={(v) => v && setYear(v)}
          min={2000}
          max={2100}
          addonAfter={t('life.f.year')}
          style={{ width: 140 }}
        />
        <Switch
          checked={onlyShort}
          aria-label={t('life.hours.onlyShort')}
          onChange={(v) => {
            setOnlyShort(v);
            setPage(1);
          }}
        />{' '}
        {t('life.hours.onlyShort')}
        <Button
          icon={<DownloadOutlined />}
          disabled={!orgId}
          loading={exporting.isPending}
          onClick={() => exporting.mutate()}
          data-testid="life-hours-export"
        >
          {t('life.hours.export')}
        </Button>
      </Flex>
      {q.data && <Typography.Text>{t('life.hours.total', { total: q.data.total, met: q.data.met })}</Typography.Text>}
      <PagedTable
        rowKey="memberId"
        size="small"
        loading={q.isPending && Boolean(orgId)}
        dataSource={q.data?.items ?? []}
        page={page}
        pageSize={pageSize}
        total={q.data?.total ?? 0}
        onPage={(p) => {
          setPage(p.page);
          setPageSize(p.pageSize);
        }}
        sizeChanger
        columns={[
          { title: t('life.hours.name'), dataIndex: 'name' },
          { title: t('life.hours.org'), dataIndex: 'orgName' },
          { title: t('life.hours.hours'), dataIndex: 'hours', width: 120 },
          {
            title: t('life.hours.target'),
            dataIndex: 'target',
            width: 100,
            render: (v: number, r) => `${v}${r.isLeader ? `（${t('life.hours.leader')}）` : ''}`,
          },
          {
            title: '',
            dataIndex: 'met',
            width: 90,
            render: (v: boolean) => <Tag color={v ? 'green' : 'orange'}>{t(v ? 'life.hours.met' : 'life.hours.short')}</Tag>,
          },
        ]}
      />
    </Flex>
  );
}

/** 请假审批: leave requests waiting in scope. */
export function LeavesPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: ['life', 'leaves'], queryFn: lifeApi.leaves });
  const decide = useMutation({
    mutationFn: (a: { id: number; approve: boolean }) => lifeApi.decideLeave(a.id, a.approve),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['life', 'leaves'] }),
    onError: (e) => message.error(errorText(e, t)),
  });
  return (
    <Table
      rowKey="id"
      size="small"
      loading={q.isPending}
      dataSource={q.data ?? []}
      pagination={false}
      locale={{ emptyText: <Empty description={t('life.leaves.empty')} /> }}
      columns={[
        { title: t('life.hours.name'), dataIndex: 'name' },
        {
          title: t('life.f.topic'),
          dataIndex: 'topic',
          render: (v: string, r) => <Link to={`/admin/life/meetings/${r.meetingId}`}>{v}</Link>,
        },
        { title: t('life.f.startsAt'), dataIndex: 'startsAt', render: (v: string) => formatDateTime(v) },
        { title: t('life.f.reason'), dataIndex: 'reason' },
        {
          title: '',
          width: 180,
          render: (_, r) => (
            <Flex gap={4}>
              <Button size="small" type="primary" onClick={() => decide.mutate({ id: r.id, approve: true })}>
                {t('life.detail.approve')}
              </Button>
              <Button size="small" onClick={() => decide.mutate({ id: r.id, approve: false })}>
                {t('life.detail.reject')}
              </Button>
            </Flex>
          ),
        },
      ]}
    />
  );
}

/** 不合格党员处置: open cases with deadline and follow-ups. */
export function CasesPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('open');
  const q = useQuery({ queryKey: ['life', 'cases', status], queryFn: () => lifeApi.cases(status) });
  const done = () => qc.invalidateQueries({ queryKey: ['life', 'cases'] });
  const follow = useMutation({
    mutationFn: (a: { id: number; note: string }) => lifeApi.followUp(a.id, a.note),
    onSuccess: done,
    onError: (e) => message.error(errorText(e, t)),
  });
  const close = useMutation({
    mutationFn: (a: { id: number; note: string }) => lifeApi.closeCase(a.id, a.note),
    onSuccess: done,
    onError: (e) => message.error(errorText(e, t)),
  });
  const ask = (title: string, fn: (note: string) => Promise<unknown>) => {
    let note = '';
    modal.confirm({ title, content: <Input.TextArea rows={3} onChange={(e) => (note = e.target.value)} />, onOk: () => fn(note) });
  };
  return (
    <Flex vertical gap={12}>
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        options={[
          { value: 'open', label: t('life.actions.open') },
          { value: 'closed', label: t('life.actions.done') },
          { value: 'all', label: t('life.actions.all') },
        ]}
      />
      <List
        loading={q.isPending}
        dataSource={q.data ?? []}
        locale={{ emptyText: <Empty description={t('life.cases.empty')} /> }}
        renderItem={(k) => (
          <List.Item
            actions={
              k.status === 'open'
                ? [
                    <Button
                      key="f"
                      size="small"
                      onClick={() => ask(t('life.cases.followUp'), (note) => follow.mutateAsync({ id: k.id, note }))}
                    >
                      {t('life.cases.followUp')}
                    </Button>,
                    <Button
                      key="c"
                      size="small"
                      onClick={() => ask(t('life.cases.close'), (note) => close.mutateAsync({ id: k.id, note }))}
                    >
                      {t('life.cases.close')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={`${k.name}（${k.orgName}）· ${k.measureName}`}
              description={
                <>
                  {k.deadlineOn && `${t('life.cases.deadline')}：${k.deadlineOn}`}
                  {k.followUps.map((f) => (
                    <div key={`${f.on}-${f.note}`}>
                      {f.on} {f.note}
                    </div>
                  ))}
                  {k.outcome && <div>{k.outcome}</div>}
                </>
              }
            />
          </List.Item>
        )}
      />
    </Flex>
  );
}
