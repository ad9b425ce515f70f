import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Modal, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DuesTotals, duesApi, toFen, yuan } from '../../api/dues';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';

function ExpenseModal({ orgId, onClose }: { orgId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ spentOn: dayjs.Dayjs; purpose: string; amount: string; note?: string }>();
  const save = useMutation({
    mutationFn: (v: { spentOn: dayjs.Dayjs; purpose: string; amount: string; note?: string }) =>
      duesApi.addExpense({
        orgId,
        spentOn: v.spentOn.format('YYYY-MM-DD'),
        purpose: v.purpose,
        amountFen: toFen(v.amount) ?? -1,
        note: v.note || null,
      }),
    onSuccess: () => {
      message.success(t('dues.saved'));
      void qc.invalidateQueries({ queryKey: ['dues'] });
      onClose();
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  return (
    <Modal open title={t('dues.addExpense')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" initialValues={{ spentOn: dayjs() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="spentOn" label={t('dues.spentOn')}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="purpose" label={t('dues.purpose')} rules={[{ required: true }]}>
          <Input placeholder="培训党员、订阅党报党刊、表彰先进、补助困难党员…" />
        </Form.Item>
        <Form.Item name="amount" label={t('dues.amountLabel')} rules={[{ required: true }]}>
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="note" label={t('dues.noteLabel')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 年度报表: the year summary by month, the 公示 (collection and use) with its Excel, upward remittance. */
export function ReportsTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [year, setYear] = useState(new Date().getFullYear());
  const [adding, setAdding] = useState(false);
  const pub = useQuery({ queryKey: ['dues', 'publication', orgId, year], queryFn: () => duesApi.publication(orgId, year) });
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('year'), dayjs().startOf('month')]);
  const [from, to] = [period[0].format('YYYY-MM'), period[1].format('YYYY-MM')];
  const remit = useQuery({
    queryKey: ['dues', 'remit', orgId, from, to],
    queryFn: () => duesApi.remittance(orgId, from, to),
  });
  const exporting = useMutation({
    mutationFn: (what: 'publication' | 'register' | 'remittance') =>
      what === 'publication'
        ? duesApi.publicationXlsx(orgId, year)
        : what === 'register'
          ? duesApi.summaryXlsx(orgId, year)
          : duesApi.remittanceXlsx(orgId, from, to),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName ?? 'dues.xlsx'),
    onError: (e) => message.error(errorText(e, t)),
  });
  const money = (k: keyof DuesTotals) => ({ dataIndex: k, align: 'right' as const, render: (v: number) => yuan(v) });
  const p = pub.data;
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} align="center" wrap>
        <InputNumber value={year} min={2008} max={2100} onChange={(v) => v && setYear(v)} addonAfter={t('dues.year')} />
        <Button
          icon={<DownloadOutlined />}
          onClick={() => exporting.mutate('publication')}
          loading={exporting.isPending && exporting.variables === 'publication'}
          data-testid="dues-export-publication"
        >
          {t('dues.exportPublication')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => exporting.mutate('register')}
          loading={exporting.isPending && exporting.variables === 'register'}
          data-testid="dues-export-register"
        >
          {t('dues.exportRegister')}
        </Button>
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          {t('dues.addExpense')}
        </Button>
      </Flex>
      <Card size="small" title={`${t('dues.summary')} · ${t('dues.publication')}`}>
        <Table
          rowKey="month"
          size="small"
          loading={pub.isPending}
          pagination={false}
          dataSource={p ? [...p.months, { month: '合计', ...p.totals }] : []}
          columns={[
            { title: t('dues.month'), dataIndex: 'month' },
            { title: t('dues.totals.members'), dataIndex: 'members', align: 'right' },
            { title: t('dues.totals.standard'), ...money('standardFen') },
            { title: t('dues.totals.paid'), ...money('paidFen') },
            { title: t('dues.totals.owed'), ...money('owedFen') },
            { title: t('dues.totals.waived'), ...money('waivedFen') },
            { title: t('dues.totals.extra'), ...money('extraFen') },
          ]}
        />
        {p && (
          <Typography.Paragraph style={{ marginTop: 12 }}>
            {t('dues.totals.large')}：{yuan(p.largeFen)} 元；{t('dues.totals.expenses')}：{yuan(p.expensesFen)} 元；
            {t('dues.paidMembers', { n: p.paidMembers })}
            <br />
            <Typography.Text type="secondary">
              {t('dues.source')}：{p.source}
            </Typography.Text>
          </Typography.Paragraph>
        )}
        {p && p.expenses.length > 0 && (
          <Table
            rowKey={(e) => `${e.spentOn}${e.purpose}${e.amountFen}`}
            size="small"
            pagination={false}
            dataSource={p.expenses}
            columns={[
              { title: t('dues.spentOn'), dataIndex: 'spentOn' },
              { title: t('dues.purpose'), dataIndex: 'purpose' },
              { title: t('dues.col.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => yuan(v) },
              { title: t('dues.noteLabel'), dataIndex: 'note' },
            ]}
          />
        )}
      </Card>
      <Card
        size="small"
        title={t('dues.remittance')}
        extra={
          <Flex gap={8} align="center">
            {remit.data && <Typography.Text type="secondary">{t('dues.everyMonths', { n: remit.data.everyMonths })}</Typography.Text>}
            <DatePicker.RangePicker
              picker="month"
              allowClear={false}
              value={period}
              onChange={(v) => v?.[0] && v[1] && setPeriod([v[0], v[1]])}
              data-testid="remit-period"
            />
            <Button
              icon={<DownloadOutlined />}
              onClick={() => exporting.mutate('remittance')}
              loading={exporting.isPending && exporting.variables === 'remittance'}
              data-testid="dues-export-remittance"
            >
              {t('dues.exportRemittance')}
            </Button>
          </Flex>
        }
      >
        <Table
          rowKey="orgId"
          size="small"
          loading={remit.isPending}
          pagination={false}
          dataSource={remit.data?.rows ?? []}
          columns={[
            { title: t('dues.col.org'), dataIndex: 'orgName' },
            { title: t('dues.col.dues'), dataIndex: 'duesFen', align: 'right', render: (v: number) => yuan(v) },
            { title: t('dues.totals.extra'), dataIndex: 'extraFen', align: 'right', render: (v: number) => yuan(v) },
            { title: t('dues.totals.large'), dataIndex: 'largeFen', align: 'right', render: (v: number) => yuan(v) },
            { title: t('dues.col.remit'), dataIndex: 'remitFen', align: 'right', render: (v: number) => yuan(v) },
          ]}
        />
      </Card>
      {adding && <ExpenseModal orgId={orgId} onClose={() => setAdding(false)} />}
    </Flex>
  );
}
