import { DeleteOutlined, EditOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  MEMBER_RECORD_KIND_CODES,
  MEMBER_RECORD_KINDS,
  type MemberRecordDto,
  type MemberRecordInput,
  type MemberRecordKind,
} from '@vanguard/shared';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Skeleton,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { memberRecordsApi } from '../../api/endpoints';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { MEMBERS_KEY } from './members-query';

type Column = 'period' | 'date' | 'title' | 'issuer' | 'relation' | 'hours' | 'docNo' | 'note';

/** What each kind shows and asks for, in order (as on the paper record). */
const KIND_COLUMNS: Record<MemberRecordKind, Column[]> = {
  work: ['period', 'title', 'issuer', 'note'],
  post: ['period', 'title', 'issuer', 'note'],
  reward: ['date', 'title', 'issuer', 'docNo', 'note'],
  penalty: ['date', 'title', 'issuer', 'docNo', 'note'],
  training: ['period', 'title', 'issuer', 'hours', 'note'],
  family: ['relation', 'title', 'issuer', 'note'],
  recruitment: ['date', 'title', 'note'],
  appraisal: ['date', 'title'],
};

interface FormValues {
  title: string;
  range?: [Dayjs | null, Dayjs | null];
  date?: Dayjs | null;
  issuer?: string;
  relation?: string;
  hours?: number | null;
  docNo?: string;
  note?: string;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const blank = (s: string | undefined) => (s?.trim() ? s.trim() : null);

function toInput(kind: MemberRecordKind, v: FormValues): MemberRecordInput {
  const dated = KIND_COLUMNS[kind].includes('date');
  return {
    kind,
    title: v.title,
    startedOn: dated ? day(v.date) : day(v.range?.[0]),
    endedOn: dated ? null : day(v.range?.[1]),
    issuer: blank(v.issuer),
    relation: blank(v.relation),
    hours: v.hours ?? null,
    docNo: blank(v.docNo),
    note: blank(v.note),
  };
}

function toValues(r: MemberRecordDto): FormValues {
  const d = (s: string | null) => (s ? dayjs(s) : null);
  return {
    title: r.title,
    range: [d(r.startedOn), d(r.endedOn)],
    date: d(r.startedOn),
    issuer: r.issuer ?? undefined,
    relation: r.relation ?? undefined,
    hours: r.hours,
    docNo: r.docNo ?? undefined,
    note: r.note ?? undefined,
  };
}

const recordsKey = (memberId: number, reveal: boolean) => [...MEMBERS_KEY, 'records', memberId, reveal] as const;

/**
 * 履历与奖惩: one table per kind (工作经历, 党内职务, 奖励, 惩处, 培训, 家庭成员), each with add, edit and
 * delete (confirmed). Penalties stay hidden until the page shows full details (the server audits that).
 */
export function MemberRecords({ memberId, reveal, canWrite }: { memberId: number; reveal: boolean; canWrite: boolean }) {
  const { t } = useTranslation();
  const records = useQuery({ queryKey: recordsKey(memberId, reveal), queryFn: () => memberRecordsApi.list(memberId, reveal) });
  const [editing, setEditing] = useState<{ kind: MemberRecordKind; record?: MemberRecordDto } | null>(null);

  if (records.isError) return <Alert type="error" showIcon title={errorText(records.error, t)} />;
  if (!records.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const byKind = (kind: MemberRecordKind) => records.data.items.filter((r) => r.kind === kind);

  return (
    <Flex vertical gap={16}>
      {MEMBER_RECORD_KIND_CODES.map((kind) => (
        <KindTable
          key={kind}
          memberId={memberId}
          kind={kind}
          rows={byKind(kind)}
          canWrite={canWrite && !MEMBER_RECORD_KINDS[kind].system && (!MEMBER_RECORD_KINDS[kind].sensitive || reveal)}
          onAdd={() => setEditing({ kind })}
          onEdit={(record) => setEditing({ kind, record })}
        />
      ))}
      <RecordFormModal memberId={memberId} editing={editing} onClose={() => setEditing(null)} />
    </Flex>
  );
}

function KindTable(props: {
  memberId: number;
  kind: MemberRecordKind;
  rows: MemberRecordDto[];
  canWrite: boolean;
  onAdd: () => void;
  onEdit: (r: MemberRecordDto) => void;
}) {
  const { memberId, kind, rows, canWrite, onAdd, onEdit } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const kindName = t(`memberRecords.kinds.${kind}`);
  const remove = useMutation({
    mutationFn: (recordId: number) => memberRecordsApi.remove(memberId, recordId),
    onSuccess: async () => {
      message.success(t('memberRecords.deleted'));
      await qc.invalidateQueries({ queryKey: [...MEMBERS_KEY, 'records', memberId] });
    },
    onError: (e) => message.error(errorText(e, t)),
  });

  const text = (v: string | number | null) => (v === null || v === '' ? '—' : v);
  const columns: TableColumnsType<MemberRecordDto> = KIND_COLUMNS[kind].map((c) => {
    const label =
      c === 'title'
        ? t(`memberRecords.titles.${kind}`)
        : c === 'issuer'
          ? t(`memberRecords.issuers.${kind}`)
          : t(`memberRecords.fields.${c}`);
    const render = (r: MemberRecordDto) => {
      if (r.hidden) return c === 'title' ? <Typography.Text type="secondary">{t('memberRecords.hidden')}</Typography.Text> : '—';
      if (c === 'period') return r.startedOn || r.endedOn ? `${r.startedOn ?? '?'} ~ ${r.endedOn ?? t('memberRecords.toNow')}` : '—';
      if (c === 'date') return text(r.startedOn);
      return text(r[c]);
    };
    return { key: c, title: label, render: (_: unknown, r: MemberRecordDto) => render(r), ellipsis: c === 'note' };
  });
  if (canWrite) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 150,
      render: (_, r) =>
        r.hidden ? null : (
          <Flex gap={4}>
            <Button size="small" type="link" icon={<EditOutlined />} onClick={() => onEdit(r)} data-testid={`record-edit-${r.id}`}>
              {t('memberRecords.edit')}
            </Button>
            <Popconfirm
              title={t('memberRecords.deleteConfirm', { kind: kindName })}
              okButtonProps={{ danger: true, loading: remove.isPending, 'data-testid': 'record-delete-confirm' } as ButtonProps}
              onConfirm={() => remove.mutateAsync(r.id)}
            >
              <Button size="small" type="link" danger icon={<DeleteOutlined />} data-testid={`record-delete-${r.id}`}>
                {t('memberRecords.delete')}
              </Button>
            </Popconfirm>
          </Flex>
        ),
    });
  }

  return (
    <Card
      size="small"
      title={
        <Flex gap={6} align="center">
          {MEMBER_RECORD_KINDS[kind].sensitive && <LockOutlined title={t('memberRecords.sensitiveHint')} />}
          {kindName}
        </Flex>
      }
      extra={
        canWrite && (
          <Button size="small" icon={<PlusOutlined />} onClick={onAdd} data-testid={`record-add-${kind}`}>
            {t('memberRecords.add')}
          </Button>
        )
      }
      data-testid={`records-${kind}`}
    >
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Typography.Text type="secondary">{t('memberRecords.empty', { kind: kindName })}</Typography.Text> }}
      />
    </Card>
  );
}

function RecordFormModal({
  memberId,
  editing,
  onClose,
}: {
  memberId: number;
  editing: { kind: MemberRecordKind; record?: MemberRecordDto } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const kind = editing?.kind ?? 'work';
  const cols = KIND_COLUMNS[kind];
  const kindName = t(`memberRecords.kinds.${kind}`);

  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing.record) form.setFieldsValue(toValues(editing.record));
  }, [editing, form]);

  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const input = toInput(kind, v);
      return editing?.record ? memberRecordsApi.replace(memberId, editing.record.id, input) : memberRecordsApi.add(memberId, input);
    },
    onSuccess: async () => {
      message.success(t('memberRecords.saved'));
      await qc.invalidateQueries({ queryKey: [...MEMBERS_KEY, 'records', memberId] });
      onClose();
    },
    onError: (e) => {
      // Server paths startedOn/endedOn belong to the date inputs of this form.
      if (!isApiError(e) || !applyFieldErrors(form, e, { startedOn: cols.includes('date') ? 'date' : 'range', endedOn: 'range' })) {
        message.error(errorText(e, t));
      }
    },
  });

  return (
    <Modal
      open={editing !== null}
      title={t(editing?.record ? 'memberRecords.editTitle' : 'memberRecords.addTitle', { kind: kindName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'record-save' } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="record-form">
        {cols.includes('relation') && (
          <Form.Item name="relation" label={t('memberRecords.fields.relation')} rules={[{ required: true, whitespace: true, max: 20 }]}>
            <Input data-testid="record-relation" />
          </Form.Item>
        )}
        <Form.Item name="title" label={t(`memberRecords.titles.${kind}`)} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="record-title" />
        </Form.Item>
        {cols.includes('period') && (
          <Form.Item name="range" label={t('memberRecords.fields.period')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} data-testid="record-range" />
          </Form.Item>
        )}
        {cols.includes('date') && (
          <Form.Item name="date" label={t('memberRecords.fields.date')}>
            <DatePicker style={{ width: '100%' }} data-testid="record-date" />
          </Form.Item>
        )}
        <Form.Item name="issuer" label={t(`memberRecords.issuers.${kind}`)} rules={[{ max: 100 }]}>
          <Input data-testid="record-issuer" />
        </Form.Item>
        {cols.includes('hours') && (
          <Form.Item name="hours" label={t('memberRecords.fields.hours')}>
            <InputNumber min={0} max={2000} style={{ width: '100%' }} data-testid="record-hours" />
          </Form.Item>
        )}
        {cols.includes('docNo') && (
          <Form.Item name="docNo" label={t('memberRecords.fields.docNo')} rules={[{ max: 50 }]}>
            <Input data-testid="record-docno" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('memberRecords.fields.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} data-testid="record-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
