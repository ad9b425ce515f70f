import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type Answer, learningApi, type Option, type Question, type QuestionInput, type QuestionType } from '../../api/learning';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { answerText, CATEGORIES, TYPES, tx } from '../../lib/learning-text';
import { PagedTable } from '../components/PagedTable';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';

const LETTERS = 'ABCDEFGH';
const DIFF_COLOR: Record<number, string> = { 1: 'green', 2: 'blue', 3: 'red' };

/** 题库: filters, a paged list, create and edit (a content change makes a new version), delete = retire. */
export function QuestionsTab({ orgId }: { orgId?: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [filters, setFilters] = useState<{
    category?: string;
    type?: QuestionType;
    difficulty?: number;
    q?: string;
    includeRetired?: boolean;
  }>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<Question | 'new' | null>(null);
  const list = useQuery({
    queryKey: ['learning', 'questions', orgId, filters, page],
    queryFn: () => learningApi.questions({ orgId, ...filters, ...page }),
  });
  const retire = useMutation({
    mutationFn: (id: number) => learningApi.retireQuestion(id),
    onSuccess: () => {
      message.success(t('learning.q.retired'));
      void qc.invalidateQueries({ queryKey: ['learning', 'questions'] });
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const [importErrors, setImportErrors] = useState<string[] | null>(null);
  const importing = useMutation({
    mutationFn: (file: File) => learningApi.importQuestions(orgId ?? 0, file),
    onSuccess: (r) => {
      message.success(t('learning.q.imported', { n: r.imported }));
      void qc.invalidateQueries({ queryKey: ['learning', 'questions'] });
    },
    onError: (e) => {
      const rows = isApiError(e) ? e.fieldIssues.filter((i) => i.path.startsWith('rows.')).map((i) => i.message) : [];
      if (rows.length) setImportErrors(rows);
      else message.error(errorText(e, t));
    },
  });
  const template = useMutation({
    mutationFn: () => learningApi.template(),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName ?? 'questions-template.xlsx'),
    onError: (e) => message.error(errorText(e, t)),
  });
  const set = (k: string, v: unknown) => {
    setFilters((f) => ({ ...f, [k]: v || undefined }));
    setPage((p) => ({ ...p, page: 1 }));
  };
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <Select
          allowClear
          placeholder={t('learning.q.category')}
          style={{ width: 140 }}
          options={CATEGORIES.map((c) => ({ value: c, label: c }))}
          onChange={(v) => set('category', v)}
          data-testid="q-filter-category"
        />
        <Select
          allowClear
          placeholder={t('learning.q.type')}
          style={{ width: 120 }}
          options={TYPES.map((v) => ({ value: v, label: tx(t, `learning.types.${v}`) }))}
          onChange={(v) => set('type', v)}
        />
        <Select
          allowClear
          placeholder={t('learning.q.difficulty')}
          style={{ width: 110 }}
          options={[1, 2, 3].map((v) => ({ value: v, label: tx(t, `learning.difficulty.${v}`) }))}
          onChange={(v) => set('difficulty', v)}
        />
        <Input.Search allowClear placeholder={t('learning.q.search')} style={{ width: 220 }} onSearch={(v) => set('q', v)} />
        <Checkbox onChange={(e) => set('includeRetired', e.target.checked)}>{t('learning.q.includeRetired')}</Checkbox>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} disabled={!orgId} data-testid="q-new">
          {t('learning.q.new')}
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(f) => {
            importing.mutate(f);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={importing.isPending} disabled={!orgId} data-testid="q-import">
            {t('learning.q.import')}
          </Button>
        </Upload>
        <Button icon={<DownloadOutlined />} type="link" onClick={() => template.mutate()}>
          {t('learning.q.template')}
        </Button>
      </Flex>
      {importErrors && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setImportErrors(null)}
          message={t('learning.q.importRefused', { n: importErrors.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 16, maxHeight: 200, overflow: 'auto' }}>
              {importErrors.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          }
          data-testid="q-import-errors"
        />
      )}
      <PagedTable<Question>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('learning.q.empty') }}
        page={page.page}
        pageSize={page.pageSize}
        total={list.data?.total ?? 0}
        onPage={setPage}
        sizeChanger
        columns={[
          {
            title: t('learning.q.stem'),
            dataIndex: 'stem',
            render: (v: string, r) => (
              <Space direction="vertical" size={0}>
                <Typography.Text delete={r.retired}>{v}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('learning.q.answer')}：{answerText(r.answer, r.options)}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('learning.q.type'), dataIndex: 'typeName', width: 80 },
          { title: t('learning.q.category'), dataIndex: 'category', width: 90 },
          {
            title: t('learning.q.difficulty'),
            dataIndex: 'difficulty',
            width: 70,
            render: (v: number, r) => <Tag color={DIFF_COLOR[v]}>{r.difficultyName}</Tag>,
          },
          { title: t('learning.q.version'), dataIndex: 'version', width: 60, render: (v: number) => `v${v}` },
          { title: t('learning.q.bank'), dataIndex: 'orgName', width: 160 },
          {
            title: t('learning.actions'),
            width: 130,
            render: (_, r) =>
              r.editable && !r.retired ? (
                <Space>
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} data-testid={`q-edit-${r.id}`} />
                  <Popconfirm title={t('learning.q.retireConfirm')} onConfirm={() => retire.mutate(r.id)}>
                    <Button size="small" danger icon={<DeleteOutlined />} data-testid={`q-retire-${r.id}`} />
                  </Popconfirm>
                </Space>
              ) : r.retired ? (
                <Tag>{t('learning.q.retiredTag')}</Tag>
              ) : (
                <Typography.Text type="secondary">{t('learning.q.readOnly')}</Typography.Text>
              ),
          },
        ]}
      />
      {editing && orgId && <QuestionModal orgId={orgId} question={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Flex>
  );
}

interface FormValues {
  orgId: number;
  type: QuestionType;
  category: string;
  tags: string[];
  difficulty: number;
  stem: string;
  options: { text: string }[];
  right: string[] | string;
  blanks: string[];
  reference: string;
  explanation?: string;
}

function toForm(q: Question | null, orgId: number): Partial<FormValues> {
  if (!q)
    return {
      orgId,
      type: 'single',
      difficulty: 2,
      tags: [],
      options: [{ text: '' }, { text: '' }, { text: '' }, { text: '' }],
      right: [],
      blanks: [''],
      reference: '',
    };
  const a = q.answer;
  return {
    orgId: q.orgId,
    type: q.type as QuestionType,
    category: q.category,
    tags: q.tags,
    difficulty: q.difficulty,
    stem: q.stem,
    options: q.type === 'judge' ? [] : q.options.map((o) => ({ text: o.text })),
    right: 'keys' in a ? (q.type === 'single' || q.type === 'judge' ? a.keys[0] : a.keys) : [],
    blanks: 'blanks' in a ? a.blanks.map((alts) => alts.join('/')) : [''],
    reference: 'reference' in a ? a.reference : '',
    explanation: q.explanation ?? undefined,
  };
}

function toInput(v: FormValues): QuestionInput {
  const options: Option[] =
    v.type === 'single' || v.type === 'multiple' ? (v.options ?? []).map((o, i) => ({ key: LETTERS[i], text: o.text ?? '' })) : [];
  let answer: Answer;
  if (v.type === 'fill')
    answer = {
      blanks: (v.blanks ?? []).map((b) =>
        (b ?? '')
          .split(/[/／]/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    };
  else if (v.type === 'short') answer = { reference: v.reference ?? '' };
  else answer = { keys: Array.isArray(v.right) ? v.right : v.right ? [v.right] : [] };
  return {
    orgId: v.orgId,
    type: v.type,
    category: v.category,
    tags: v.tags ?? [],
    difficulty: v.difficulty,
    stem: v.stem,
    options,
    answer,
    explanation: v.explanation || null,
  };
}

function QuestionModal({ orgId, question, onClose }: { orgId: number; question: Question | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [banner, setBanner] = useState<string | null>(null);
  const type = Form.useWatch('type', form) ?? question?.type ?? 'single';
  const options = Form.useWatch('options', form) ?? [];
  const detail = useQuery({
    queryKey: ['learning', 'question', question?.id],
    queryFn: () => learningApi.question(question?.id ?? 0),
    enabled: Boolean(question),
  });
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const input = toInput(v);
      if (!question) return learningApi.createQuestion(input);
      const { orgId: _o, type: _t, ...rest } = input;
      return learningApi.updateQuestion(question.id, rest);
    },
    onSuccess: (q) => {
      message.success(question ? t('learning.q.savedVersion', { v: q.version }) : t('learning.q.created'));
      void qc.invalidateQueries({ queryKey: ['learning'] });
      onClose();
    },
    onError: (e) => {
      if (isApiError(e) && applyFieldErrors(form, e, { answer: 'right', 'answer.blanks.0': 'blanks' })) setBanner(e.message);
      else setBanner(errorText(e, t));
    },
  });
  return (
    <Modal
      open
      width={720}
      title={question ? t('learning.q.editTitle', { v: question.version }) : t('learning.q.new')}
      okText={t('learning.save')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'q-save' } as never}
    >
      {question && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('learning.q.versionHint')} />}
      {banner && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={banner} data-testid="q-error" />}
      <Form<FormValues> form={form} layout="vertical" initialValues={toForm(question, orgId)} onFinish={(v) => save.mutate(v)}>
        <Flex gap={12}>
          <Form.Item name="orgId" label={t('learning.q.bank')} style={{ flex: 2 }} rules={[{ required: true }]}>
            <OrgTreeSelect disabled={Boolean(question)} testId="q-org" />
          </Form.Item>
          <Form.Item name="type" label={t('learning.q.type')} style={{ flex: 1 }}>
            <Select
              disabled={Boolean(question)}
              options={TYPES.map((v) => ({ value: v, label: tx(t, `learning.types.${v}`) }))}
              data-testid="q-type"
            />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item
            name="category"
            label={t('learning.q.category')}
            style={{ flex: 1 }}
            rules={[{ required: true, message: t('learning.q.categoryRequired') }]}
          >
            <Select options={CATEGORIES.map((c) => ({ value: c, label: c }))} data-testid="q-category" />
          </Form.Item>
          <Form.Item name="difficulty" label={t('learning.q.difficulty')} style={{ flex: 1 }}>
            <Radio.Group options={[1, 2, 3].map((v) => ({ value: v, label: tx(t, `learning.difficulty.${v}`) }))} />
          </Form.Item>
          <Form.Item name="tags" label={t('learning.q.tags')} style={{ flex: 1 }}>
            <Select mode="tags" />
          </Form.Item>
        </Flex>
        <Form.Item name="stem" label={t('learning.q.stem')} rules={[{ required: true, message: t('learning.q.stemRequired') }]}>
          <Input.TextArea rows={2} data-testid="q-stem" />
        </Form.Item>
        {(type === 'single' || type === 'multiple') && (
          <>
            <Form.List name="options">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <Flex key={f.key} gap={8} align="baseline">
                      <b>{LETTERS[i]}</b>
                      <Form.Item name={[f.name, 'text']} style={{ flex: 1, marginBottom: 8 }}>
                        <Input data-testid={`q-option-${i}`} />
                      </Form.Item>
                      {fields.length > 2 && <Button size="small" onClick={() => remove(f.name)} icon={<DeleteOutlined />} />}
                    </Flex>
                  ))}
                  {fields.length < 8 && (
                    <Button size="small" onClick={() => add({ text: '' })} style={{ marginBottom: 12 }}>
                      {t('learning.q.addOption')}
                    </Button>
                  )}
                </>
              )}
            </Form.List>
            <Form.Item name="right" label={t('learning.q.right')}>
              {type === 'single' ? (
                <Radio.Group options={options.map((_, i) => ({ value: LETTERS[i], label: LETTERS[i] }))} data-testid="q-right" />
              ) : (
                <Checkbox.Group options={options.map((_, i) => ({ value: LETTERS[i], label: LETTERS[i] }))} data-testid="q-right" />
              )}
            </Form.Item>
          </>
        )}
        {type === 'judge' && (
          <Form.Item name="right" label={t('learning.q.right')}>
            <Radio.Group
              options={[
                { value: 'true', label: t('learning.true') },
                { value: 'false', label: t('learning.false') },
              ]}
              data-testid="q-right"
            />
          </Form.Item>
        )}
        {type === 'fill' && (
          <Form.List name="blanks">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Flex key={f.key} gap={8} align="baseline">
                    <span>{t('learning.q.blank', { n: i + 1 })}</span>
                    <Form.Item name={f.name} style={{ flex: 1, marginBottom: 8 }} extra={i === 0 ? t('learning.q.blankHint') : undefined}>
                      <Input data-testid={`q-blank-${i}`} />
                    </Form.Item>
                    {fields.length > 1 && <Button size="small" onClick={() => remove(f.name)} icon={<DeleteOutlined />} />}
                  </Flex>
                ))}
                <Button size="small" onClick={() => add('')} style={{ marginBottom: 12 }}>
                  {t('learning.q.addBlank')}
                </Button>
              </>
            )}
          </Form.List>
        )}
        {type === 'short' && (
          <Form.Item name="reference" label={t('learning.q.reference')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        <Form.Item name="explanation" label={t('learning.q.explanation')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      {detail.data && detail.data.versions.length > 0 && (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          title={() => t('learning.q.versions')}
          dataSource={detail.data.versions}
          columns={[
            { title: t('learning.q.version'), dataIndex: 'version', width: 60, render: (v: number) => `v${v}` },
            { title: t('learning.q.stem'), dataIndex: 'stem' },
            { title: t('learning.q.usedIn'), dataIndex: 'usedInAttempts', width: 90 },
            { title: t('learning.q.at'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
          ]}
        />
      )}
    </Modal>
  );
}
