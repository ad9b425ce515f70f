import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LeadershipPost } from '@vanguard/shared';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Col,
  DatePicker,
  Flex,
  Form,
  type FormInstance,
  Grid,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type OrgDto, type TermCreateInput, type TermsDto, termsApi } from '../../api/orgs';
import { errorText } from '../../lib/error-text';
import { applyIssues, hasFieldFor } from './form-issues';
import { MemberPicker } from './MemberPicker';
import { refreshOrgs } from './org-query';
import { POST_CODES, postText } from './org-text';

interface Seat {
  post?: LeadershipPost;
  memberId?: number;
}

interface Values {
  startedOn?: Dayjs;
  years?: number;
  electedHow?: 'election' | 'appointment';
  docNo?: string;
  posts?: Seat[];
}

/** A term change: success says so, closes and reloads; the server's field messages go under the fields. */
function useTermMutation<T>(form: FormInstance, fn: (v: T) => Promise<unknown>, done: string, onClose: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      message.success(done);
      onClose();
      await refreshOrgs(qc);
    },
    onError: (e) => {
      if (isApiError(e)) applyIssues(form, e);
      else message.error(errorText(e, t));
    },
  });
}

/** 换届: a new term with its posts; the current term (if any) ends the day the new one starts. */
export function TermFormModal({ org, terms, onClose }: { org: OrgDto; terms: TermsDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const wide = Grid.useBreakpoint().md ?? true;
  const [form] = Form.useForm<Values>();
  const current = terms.current;
  const serving = current?.posts.filter((p) => !p.endedOn) ?? [];
  const save = useTermMutation<TermCreateInput>(form, (input) => termsApi.start(org.id, input), t('orgTerms.started'), onClose);

  const submit = (v: Values) => {
    const input: TermCreateInput = {
      startedOn: (v.startedOn ?? dayjs()).format('YYYY-MM-DD'),
      years: v.years ?? undefined,
      electedHow: v.electedHow ?? 'election',
      docNo: v.docNo?.trim() || null,
      posts: (v.posts ?? []).map((s) => ({ post: s.post as LeadershipPost, memberId: s.memberId ?? 0 })),
    };
    if (!current) return save.mutate(input);
    // The current term ends on the new start date: say so before doing it.
    modal.confirm({
      title: t('orgTerms.startConfirm', { date: input.startedOn }),
      okText: t('orgTerms.startNext'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'confirm-ok' } as ButtonProps,
      onOk: () => save.mutateAsync(input).catch(() => undefined),
    });
  };

  return (
    <Modal
      open
      title={t('orgTerms.startTitle', { name: org.name })}
      width={wide ? 720 : '100%'}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'term-submit' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Alert type="info" showIcon title={t('orgTerms.startHint')} style={{ marginBottom: 12 }} />
      {Boolean(save.error) && !hasFieldFor(form, save.error) && (
        <Alert type="error" showIcon title={errorText(save.error, t)} style={{ marginBottom: 12 }} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          startedOn: dayjs(),
          years: terms.defaultYears ?? 3,
          electedHow: 'election',
          posts: serving.length ? serving.map((p) => ({ post: p.post as LeadershipPost, memberId: p.memberId })) : [{ post: 'secretary' }],
        }}
        onFinish={submit}
        onValuesChange={() => save.error && save.reset()}
        data-testid="term-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="startedOn"
              label={t('orgTerms.startedOn')}
              rules={[{ required: true, message: t('orgTerms.startedOnRequired') }]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="term-form-start" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="years" label={t('orgTerms.years')} rules={[{ required: true, message: t('orgTerms.yearsRequired') }]}>
              <InputNumber
                min={1}
                max={6}
                precision={0}
                suffix={t('orgTerms.yearUnit')}
                style={{ width: '100%' }}
                data-testid="term-form-years"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="electedHow" label={t('orgTerms.electedHow')}>
              <Radio.Group
                options={[
                  { value: 'election', label: t('orgTerms.election') },
                  { value: 'appointment', label: t('orgTerms.appointment') },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="docNo" label={t('orgDetail.fields.docNo')} rules={[{ max: 80, message: t('orgForm.tooLong', { max: 80 }) }]}>
          <Input maxLength={80} autoComplete="off" placeholder={t('orgForm.docPlaceholder')} data-testid="term-form-doc" />
        </Form.Item>
        <Form.List
          name="posts"
          rules={[
            {
              validator: async (_, seats?: Seat[]) => {
                if (!seats?.length) throw new Error(t('orgTerms.postsRequired'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
                {t('orgTerms.team')}
              </Typography.Text>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start" wrap={!wide}>
                  <Form.Item
                    name={[f.name, 'post']}
                    rules={[{ required: true, message: t('orgTerms.postRequired') }]}
                    style={{ width: wide ? 160 : '100%', marginBottom: 12 }}
                  >
                    <Select<LeadershipPost>
                      options={POST_CODES.map((p) => ({ value: p, label: postText(t, p) }))}
                      data-testid={`term-form-post-${f.name}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'memberId']}
                    rules={[{ required: true, message: t('orgTerms.memberRequired') }]}
                    style={{ flex: 1, minWidth: 0, width: wide ? undefined : '100%', marginBottom: 12 }}
                  >
                    <MemberPicker
                      orgId={org.id}
                      fullOnly
                      known={serving.map((p) => ({ id: p.memberId, name: p.memberName }))}
                      testId={`term-form-member-${f.name}`}
                    />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t('orgTerms.removeSeat')}
                    onClick={() => remove(f.name)}
                    disabled={fields.length <= 1}
                  />
                </Flex>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ post: 'member' })} data-testid="term-form-add">
                {t('orgTerms.addSeat')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** 增补: one more post in the current term, from today. */
export function TermPostModal({ org, onClose }: { org: OrgDto; onClose: () => void }) {
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().md ?? true;
  const [form] = Form.useForm<Seat>();
  const save = useTermMutation<Seat>(
    form,
    (s) => termsApi.addPost(org.id, { post: s.post as LeadershipPost, memberId: s.memberId ?? 0 }),
    t('orgTerms.postAdded'),
    onClose,
  );
  return (
    <Modal
      open
      title={t('orgTerms.addPostTitle', { name: org.name })}
      width={wide ? 520 : '100%'}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'term-post-submit' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {Boolean(save.error) && !hasFieldFor(form, save.error) && (
        <Alert type="error" showIcon title={errorText(save.error, t)} style={{ marginBottom: 12 }} />
      )}
      <Form<Seat>
        form={form}
        layout="vertical"
        initialValues={{ post: 'member' }}
        onFinish={(v) => save.mutate(v)}
        onValuesChange={() => save.error && save.reset()}
      >
        <Form.Item name="post" label={t('orgTerms.post')} rules={[{ required: true, message: t('orgTerms.postRequired') }]}>
          <Select<LeadershipPost> options={POST_CODES.map((p) => ({ value: p, label: postText(t, p) }))} data-testid="term-post-post" />
        </Form.Item>
        <Form.Item
          name="memberId"
          label={t('orgTerms.member')}
          extra={t('orgTerms.fullOnly')}
          rules={[{ required: true, message: t('orgTerms.memberRequired') }]}
        >
          <MemberPicker orgId={org.id} fullOnly testId="term-post-member" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
