import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CampaignWire, DeterminationInput } from '@vanguard/shared/api/life';
import { Alert, App, Button, Card, Empty, Flex, InputNumber, Result, Select, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { lifeApi } from '../../api/life';
import { errorText } from '../../lib/error-text';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { thisYear, tx } from './life-text';

const GRADES = ['excellent', 'qualified', 'basic', 'unqualified'] as const;
const STATUS_COLOR: Record<string, string> = { open: 'blue', closed: 'gold', determined: 'green' };

/** 民主评议党员: campaigns in scope and starting one for a branch. */
export function AppraisalsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [orgId, setOrgId] = useState<number | undefined>(params.get('orgId') ? Number(params.get('orgId')) : undefined);
  const [year, setYear] = useState(thisYear() - (new Date().getMonth() < 6 ? 1 : 0));
  const q = useQuery({ queryKey: ['life', 'campaigns'], queryFn: () => lifeApi.campaigns() });
  const open = useMutation({
    mutationFn: () => lifeApi.openCampaign(orgId ?? 0, year),
    onSuccess: (r) => {
      message.success(t('life.appraisal.opened'));
      navigate(`/admin/life/appraisals/${r.id}`);
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <div style={{ width: 300 }}>
          <OrgTreeSelect value={orgId} onChange={setOrgId} testId="life-appraisal-org" />
        </div>
        <InputNumber
          value={year}
          onChange={(v) => v && setYear(v)}
          min={2000}
          max={2100}
          addonAfter={t('life.f.year')}
          style={{ width: 140 }}
          data-testid="life-appraisal-year"
        />
        <Button type="primary" disabled={!orgId} loading={open.isPending} onClick={() => open.mutate()} data-testid="life-appraisal-open">
          {t('life.appraisal.open')}
        </Button>
      </Flex>
      <Table
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={q.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty /> }}
        columns={[
          { title: t('life.f.year'), dataIndex: 'year', width: 90 },
          {
            title: t('life.f.org'),
            dataIndex: 'orgName',
            render: (v: string, r) => <Link to={`/admin/life/appraisals/${r.id}`}>{v}</Link>,
          },
          { title: t('life.appraisal.participants'), dataIndex: 'participants', width: 100 },
          {
            title: '',
            dataIndex: 'status',
            width: 120,
            render: (s: string) => <Tag color={STATUS_COLOR[s]}>{tx(t, `life.appraisal.status.${s}`)}</Tag>,
          },
        ]}
      />
    </Flex>
  );
}

type Grade = NonNullable<DeterminationInput['grades'][number]['grade']>;
type Measure = DeterminationInput['cases'][number]['measure'];
type Row = CampaignWire['people'][number];

/** One campaign: self-evaluations, counts (after close), mass counts entry, determination with the caps. */
export function CampaignPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const q = useQuery({ queryKey: ['life', 'campaign', id], queryFn: () => lifeApi.campaign(id) });
  const [mass, setMass] = useState<Record<number, Record<string, number>>>({});
  const [grades, setGrades] = useState<Record<number, Grade | null>>({});
  const [months, setMonths] = useState<Record<number, number>>({});
  const [measures, setMeasures] = useState<Record<number, Measure>>({});
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => {
    if (q.data) setMass(Object.fromEntries(q.data.people.map((p) => [p.memberId, p.mass])));
  }, [q.data]);
  const set = (c: CampaignWire) => {
    qc.setQueryData(['life', 'campaign', id], c);
    setErr(null);
  };
  const onError = (e: unknown) => setErr(errorText(e, t));
  const saveMass = useMutation({
    mutationFn: () =>
      lifeApi.mass(
        id,
        Object.entries(mass).map(([memberId, c]) => ({
          memberId: Number(memberId),
          excellent: c.excellent ?? 0,
          qualified: c.qualified ?? 0,
          basic: c.basic ?? 0,
          unqualified: c.unqualified ?? 0,
        })),
      ),
    onSuccess: (c) => {
      set(c);
      message.success(t('life.detail.saved'));
    },
    onError,
  });
  const close = useMutation({ mutationFn: () => lifeApi.closeCampaign(id), onSuccess: set, onError });
  const determine = useMutation({
    mutationFn: (c: CampaignWire) =>
      lifeApi.determine(
        id,
        c.people.map((p) => ({ memberId: p.memberId, grade: p.category === 'probationary' ? null : (grades[p.memberId] ?? null) })),
        c.people
          .filter((p) => grades[p.memberId] === 'unqualified')
          .map((p) => ({ memberId: p.memberId, measure: measures[p.memberId] ?? 'correction', months: months[p.memberId] ?? 6 })),
      ),
    onSuccess: (c) => {
      set(c);
      message.success(t('life.detail.saved'));
    },
    onError,
  });
  if (q.isPending) return <Card loading />;
  if (q.isError) return <Result status="404" title={errorText(q.error, t)} />;
  const c = q.data;
  const countCell = (r: Row, src: 'mutual' | 'mass') => {
    const v = src === 'mutual' ? r.mutual : r.mass;
    if (!v) return '—';
    return GRADES.map((g) => `${tx(t, `life.grade.${g}`).slice(0, 2)}${v[g] ?? 0}`).join(' ');
  };
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} align="center" wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {c.orgName} {c.year} 年度{t('life.appraisal.title')}
        </Typography.Title>
        <Tag color={STATUS_COLOR[c.status]} data-testid="life-campaign-status">
          {tx(t, `life.appraisal.status.${c.status}`)}
        </Tag>
        <span>{t('life.appraisal.voted', { voted: c.voted })}</span>
      </Flex>
      {err && <Alert type="error" showIcon title={err} data-testid="life-campaign-error" />}
      {c.status === 'closed' && <Alert type="info" showIcon title={t('life.appraisal.determineHint', { cap: c.excellentCap })} />}
      <Table<Row>
        rowKey="memberId"
        size="small"
        pagination={false}
        dataSource={c.people}
        columns={[
          { title: t('life.hours.name'), dataIndex: 'name', width: 110 },
          { title: '', dataIndex: 'category', width: 90, render: (v: string) => (v === 'probationary' ? <Tag>预备党员</Tag> : null) },
          {
            title: t('life.appraisal.self'),
            dataIndex: 'selfAt',
            width: 80,
            render: (v: string | null) => (v ? <Tag color="green">{t('life.m.done')}</Tag> : <Tag>{t('life.m.todo')}</Tag>),
          },
          { title: t('life.appraisal.mutual'), width: 220, render: (_, r) => countCell(r, 'mutual') },
          {
            title: t('life.appraisal.mass'),
            width: 320,
            render: (_, r) =>
              c.status === 'open' ? (
                <Flex gap={4}>
                  {GRADES.map((g) => (
                    <InputNumber
                      key={g}
                      size="small"
                      min={0}
                      style={{ width: 70 }}
                      placeholder={tx(t, `life.grade.${g}`)}
                      value={mass[r.memberId]?.[g]}
                      onChange={(v) => setMass((m) => ({ ...m, [r.memberId]: { ...m[r.memberId], [g]: v ?? 0 } }))}
                    />
                  ))}
                </Flex>
              ) : (
                countCell(r, 'mass')
              ),
          },
          {
            title: t('life.appraisal.determine'),
            width: 320,
            render: (_, r) =>
              c.status === 'determined' ? (
                (r.gradeName ?? t('life.appraisal.notGraded'))
              ) : c.status === 'closed' ? (
                r.category === 'probationary' ? (
                  t('life.appraisal.notGraded')
                ) : (
                  <Flex gap={4} wrap>
                    <Select
                      size="small"
                      style={{ width: 110 }}
                      value={grades[r.memberId] ?? undefined}
                      onChange={(v) => setGrades((g) => ({ ...g, [r.memberId]: v }))}
                      options={GRADES.map((g) => ({ value: g, label: tx(t, `life.grade.${g}`) }))}
                      data-testid={`life-grade-${r.memberId}`}
                    />
                    {grades[r.memberId] === 'unqualified' && (
                      <>
                        <Select
                          size="small"
                          style={{ width: 110 }}
                          value={measures[r.memberId] ?? 'correction'}
                          onChange={(v) => setMeasures((m) => ({ ...m, [r.memberId]: v }))}
                          options={(['correction', 'persuade', 'remove'] as const).map((k) => ({
                            value: k,
                            label: tx(t, `life.measure.${k}`),
                          }))}
                        />
                        {(measures[r.memberId] ?? 'correction') === 'correction' && (
                          <InputNumber
                            size="small"
                            min={1}
                            max={12}
                            value={months[r.memberId] ?? 6}
                            onChange={(v) => setMonths((m) => ({ ...m, [r.memberId]: v ?? 6 }))}
                            addonAfter="月"
                            style={{ width: 100 }}
                          />
                        )}
                      </>
                    )}
                  </Flex>
                )
              ) : null,
          },
        ]}
      />
      <Flex gap={8}>
        {c.status === 'open' && (
          <>
            <Button onClick={() => saveMass.mutate()} loading={saveMass.isPending} data-testid="life-mass-save">
              {t('life.appraisal.saveMass')}
            </Button>
            <Button
              type="primary"
              onClick={() => modal.confirm({ title: t('life.appraisal.closeConfirm'), onOk: () => close.mutateAsync() })}
              data-testid="life-campaign-close"
            >
              {t('life.appraisal.close')}
            </Button>
          </>
        )}
        {c.status === 'closed' && (
          <Button
            onClick={() =>
              setGrades((g) => ({
                ...Object.fromEntries(c.people.filter((p) => p.category !== 'probationary').map((p) => [p.memberId, 'qualified'])),
                ...g,
              }))
            }
            data-testid="life-grade-rest"
          >
            {t('life.appraisal.restQualified')}
          </Button>
        )}
        {c.status === 'closed' && (
          <Button type="primary" loading={determine.isPending} onClick={() => determine.mutate(c)} data-testid="life-determine">
            {t('life.appraisal.save')}
          </Button>
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('life.compliance.source')}：{c.source}
      </Typography.Text>
    </Flex>
  );
}
