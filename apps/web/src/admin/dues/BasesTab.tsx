import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ButtonProps } from 'antd';
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Select,
  Switch,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, isApiError } from '../../api/client';
import { type BaseRow, codeText, duesApi, toFen, yuan } from '../../api/dues';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { hasPermission, useMe } from '../../lib/session';
import { PagedTable } from '../components/PagedTable';
import { MonthPicker } from './LedgerTab';

const CATEGORIES = ['employed', 'retired', 'student', 'unemployed', 'farmer'] as const;

interface FormValues {
  fromMonth: string;
  category: (typeof CATEGORIES)[number];
  base?: string;
  farmer?: string;
  hardship: 'none' | 'reduce' | 'exempt';
  reduced?: string;
  branchReview?: string;
  approval?: string;
  note?: string;
}

function DeclareModal({ row, year, onClose }: { row: BaseRow; year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [banner, setBanner] = useState<string | null>(null);
  const category = Form.useWatch('category', form);
  const base = Form.useWatch('base', form);
  const hardship = Form.useWatch('hardship', form);
  const needsBase = category === 'employed' || category === 'retired';
  const preview = useQuery({
    queryKey: ['dues', 'calc', category, base],
    queryFn: () => duesApi.calculate({ category, baseFen: needsBase ? toFen(base) : undefined }),
    enabled: Boolean(category) && (!needsBase || toFen(base) !== undefined),
    retry: false,
  });
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      duesApi.declare({
        memberId: row.memberId,
        fromMonth: v.fromMonth,
        category: v.category,
        baseFen: needsBase ? (toFen(v.base) ?? Math.round(Number(v.base) * 100)) : undefined,
        farmerFen: v.category === 'farmer' ? toFen(v.farmer) : undefined,
        hardship:
          v.hardship === 'none'
            ? null
            : {
                kind: v.hardship,
                monthlyFen: v.hardship === 'reduce' ? toFen(v.reduced) : undefined,
                branchReview: v.branchReview ?? '',
                approval: v.approval ?? '',
              },
        note: v.note || null,
      }),
    onSuccess: () => {
      message.success(t('dues.saved'));
      void qc.invalidateQueries({ queryKey: ['dues'] });
      onClose();
    },
    onError: (e) => {
      if (
        isApiError(e) &&
        applyFieldErrors(form, e, {
          baseFen: 'base',
          farmerFen: 'farmer',
          'hardship.monthlyFen': 'reduced',
          'hardship.branchReview': 'branchReview',
          'hardship.approval': 'approval',
        })
      )
        return;
      setBanner(errorText(e, t));
    },
  });
  return (
    <Modal
      open
      title={t('dues.declareTitle', { name: row.memberName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'declare-save' } as ButtonProps}
    >
      <Typography.Paragraph type="secondary">{t('dues.declareHint')}</Typography.Paragraph>
      {banner && <Alert type="error" message={banner} style={{ marginBottom: 12 }} />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{
          fromMonth: `${year}-01`,
          category: row.category ?? (row.orgName.includes('离退休') ? 'retired' : 'employed'),
          hardship: row.hardshipKind ?? 'none',
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="fromMonth" label={t('dues.col.from')} getValueProps={(v) => ({ value: v })} rules={[{ required: true }]}>
          <MonthFormPicker />
        </Form.Item>
        <Form.Item name="category" label={t('dues.col.category')} rules={[{ required: true }]}>
          <Select options={CATEGORIES.map((c) => ({ value: c, label: codeText(t, 'category', c) }))} data-testid="declare-category" />
        </Form.Item>
        {needsBase && (
          <Form.Item name="base" label={t('dues.col.base')} rules={[{ required: true, message: '请填写月计算基数' }]}>
            <Input inputMode="decimal" data-testid="declare-base" />
          </Form.Item>
        )}
        {category === 'farmer' && (
          <Form.Item name="farmer" label={t('dues.col.monthly')}>
            <Input inputMode="decimal" placeholder="0.20–1.00" />
          </Form.Item>
        )}
        {preview.data && (
          <Alert
            type="info"
            showIcon
            message={t('dues.preview', { amount: yuan(preview.data.monthlyFen), basis: preview.data.basis })}
            style={{ marginBottom: 12 }}
            data-testid="declare-preview"
          />
        )}
        {preview.error && <Alert type="warning" message={errorText(preview.error, t)} style={{ marginBottom: 12 }} />}
        <Form.Item name="hardship" label={t('dues.hardship')}>
          <Radio.Group
            options={[
              { value: 'none', label: t('dues.hardshipNone') },
              { value: 'reduce', label: t('dues.hardshipReduce') },
              { value: 'exempt', label: t('dues.hardshipExempt') },
            ]}
          />
        </Form.Item>
        {hardship === 'reduce' && (
          <Form.Item name="reduced" label={t('dues.reducedAmount')} rules={[{ required: true }]}>
            <Input inputMode="decimal" />
          </Form.Item>
        )}
        {hardship && hardship !== 'none' && (
          <>
            <Form.Item name="branchReview" label={t('dues.branchReview')} rules={[{ required: true }]}>
              <Input placeholder="例：2026-03-05 支委会研究同意" />
            </Form.Item>
            <Form.Item name="approval" label={t('dues.approval')} rules={[{ required: true }]}>
              <Input placeholder="例：矿党委 2026-03-12 批准（党字〔2026〕5号）" />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={t('dues.noteLabel')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MonthFormPicker({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  return <MonthPicker value={value ?? '2026-01'} onChange={(v) => onChange?.(v)} />;
}

function ImportModal({ orgId, year, onClose }: { orgId: number; year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [errors, setErrors] = useState<ApiError | null>(null);
  const run = useMutation({
    mutationFn: (file: File) => duesApi.importBases(orgId, year, file),
    onSuccess: (r) => {
      message.success(t('dues.imported', { n: r.imported }));
      void qc.invalidateQueries({ queryKey: ['dues'] });
      onClose();
    },
    onError: (e) => (isApiError(e) ? setErrors(e) : message.error(errorText(e, t))),
  });
  const template = useMutation({
    mutationFn: () => duesApi.template(orgId, year),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName ?? 'dues-bases.xlsx'),
  });
  const rows = (Array.isArray(errors?.details) ? errors.details : []) as { row?: number; column?: string; message: string }[];
  return (
    <Modal open title={`${t('dues.import')}（${year}）`} onCancel={onClose} footer={null} width={640}>
      <Typography.Paragraph type="secondary">{t('dues.importHint')}</Typography.Paragraph>
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined />} onClick={() => template.mutate()} loading={template.isPending}>
          {t('dues.template')}
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(f) => {
            setErrors(null);
            run.mutate(f);
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={run.isPending} data-testid="bases-import-file">
            {t('dues.import')}
          </Button>
        </Upload>
      </Flex>
      {errors && (
        <Alert
          type="error"
          message={errors.message}
          description={
            rows.length > 0 && (
              <List
                size="small"
                dataSource={rows.slice(0, 50)}
                renderItem={(e) => (
                  <List.Item>{e.row ? `${t('dues.row', { row: e.row })} ${e.column ?? ''}：${e.message}` : e.message}</List.Item>
                )}
              />
            )
          }
          data-testid="bases-import-errors"
        />
      )}
    </Modal>
  );
}

/** 基数核定: each member's base for the year (masked unless revealed), set one, or import payroll. */
export function BasesTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [year, setYear] = useState(new Date().getFullYear());
  const [q, setQ] = useState('');
  const [reveal, setReveal] = useState(false);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<BaseRow | null>(null);
  const [importing, setImporting] = useState(false);
  const list = useQuery({
    queryKey: ['dues', 'bases', orgId, year, q, reveal, page],
    queryFn: () => duesApi.bases({ orgId, year, q: q || undefined, reveal, ...page }),
  });
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap align="center">
        <InputNumber value={year} min={2008} max={2100} onChange={(v) => v && setYear(v)} addonAfter={t('dues.year')} />
        <Input.Search placeholder={t('dues.col.name')} allowClear onSearch={setQ} style={{ width: 200 }} />
        {hasPermission(me, 'members:read-sensitive') && (
          <Tooltip title={t('dues.revealHint')}>
            <Flex gap={6} align="center">
              <Switch size="small" checked={reveal} onChange={setReveal} />
              <span>{t('dues.reveal')}</span>
            </Flex>
          </Tooltip>
        )}
        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="bases-import">
          {t('dues.import')}
        </Button>
      </Flex>
      <PagedTable<BaseRow>
        rowKey="memberId"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        page={page.page}
        pageSize={page.pageSize}
        total={list.data?.total ?? 0}
        onPage={setPage}
        columns={[
          { title: t('dues.col.name'), dataIndex: 'memberName' },
          { title: t('dues.col.branch'), dataIndex: 'orgName' },
          {
            title: t('dues.col.category'),
            dataIndex: 'category',
            render: (c: string | null) => (c ? codeText(t, 'category', c) : <Tag>{t('dues.notDeclared')}</Tag>),
          },
          {
            title: t('dues.col.base'),
            dataIndex: 'baseFen',
            align: 'right',
            render: (v: number | null, r) =>
              v !== null ? yuan(v) : r.baseMasked ? <Typography.Text type="secondary">{t('dues.masked')}</Typography.Text> : '—',
          },
          {
            title: t('dues.col.monthly'),
            dataIndex: 'monthlyFen',
            align: 'right',
            render: (v: number | null, r) => (v === null ? '—' : <span data-testid={`monthly-${r.memberId}`}>{yuan(v)}</span>),
          },
          { title: t('dues.col.rate'), dataIndex: 'rateBp', render: (v: number | null) => (v === null ? '—' : `${v / 100}%`) },
          {
            title: t('dues.col.from'),
            dataIndex: 'effectiveFrom',
            render: (v: string | null, r) =>
              v ? (
                <>
                  {v.slice(0, 7)} {!r.declaredThisYear && <Tag color="orange">{t('dues.notDeclared')}</Tag>}
                </>
              ) : (
                '—'
              ),
          },
          { title: t('dues.col.basis'), dataIndex: 'basis', ellipsis: true },
          {
            title: t('dues.col.actions'),
            render: (_, r) => (
              <Button size="small" onClick={() => setEditing(r)}>
                {t('dues.declare')}
              </Button>
            ),
          },
        ]}
      />
      {editing && <DeclareModal row={editing} year={year} onClose={() => setEditing(null)} />}
      {importing && <ImportModal orgId={orgId} year={year} onClose={() => setImporting(false)} />}
    </Flex>
  );
}
