import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EXCLUDED_ABSENCE_REASONS, type StepDef, tallyVote } from '@vanguard/shared';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  DatePicker,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type CaseDetail, RECRUITMENT_KEY, recruitmentApi, type VoteInput } from '../../api/recruitment';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';

interface Values {
  doneOn?: Dayjs;
  actors?: string;
  note?: string;
  lateReason?: string;
  people?: number[];
  form?: Record<string, unknown>;
  absentIds?: number[];
  vote?: Partial<VoteInput>;
}

const rq = (message: string) => [{ required: true, message }];

/** The form of the next step: date, participants, documents, the step's own form and, at a branch meeting, the vote. */
export function StepForm({ c, def }: { c: CaseDetail; def: StepDef }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<{ id: string; name: string }[]>([]);
  const meeting = def.no === 15 || def.no === 23;
  const needsVoters = meeting || def.no === 5 || def.no === 9;
  const voters = useQuery({
    queryKey: [...RECRUITMENT_KEY, 'voters', c.id],
    queryFn: () => recruitmentApi.voters(c.id),
    enabled: needsVoters,
  });
  const voterOptions = (voters.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }));
  const absentIds = Form.useWatch('absentIds', form) ?? [];
  const vote = Form.useWatch('vote', form) ?? {};
  const outcome = Form.useWatch(['form', 'outcome'], form);

  const tally = meeting
    ? tallyVote({
        fullMemberIds: (voters.data?.items ?? []).map((v) => v.id),
        absentees: (vote.absentees ?? []).map((a) => ({
          memberId: a.memberId,
          excludedReason: (a.excludedReason as never) || null,
          approvedBy: a.approvedBy,
          writtenOpinion: (a.writtenOpinion as never) || null,
        })),
        forCount: Number(vote.forCount ?? 0),
        againstCount: Number(vote.againstCount ?? 0),
        abstainCount: Number(vote.abstainCount ?? 0),
        result: (vote.result as 'pass' | 'fail') ?? 'pass',
      }).tally
    : null;

  const save = useMutation({
    mutationFn: (v: Values) =>
      recruitmentApi.step(c.id, def.no, {
        doneOn: v.doneOn ? v.doneOn.format('YYYY-MM-DD') : '',
        actors: v.actors?.trim() || null,
        note: v.note?.trim() || null,
        lateReason: v.lateReason?.trim() || null,
        fileIds: files.map((f) => f.id),
        people: v.people ?? [],
        form: def.no === 15 ? { ...v.form, outcome: 'admit' } : (v.form ?? {}),
        ...(meeting
          ? {
              vote: {
                absentees: (v.vote?.absentees ?? []).map((a) => ({
                  memberId: a.memberId,
                  excludedReason: a.excludedReason || null,
                  approvedBy: a.approvedBy?.trim() || null,
                  writtenOpinion: a.writtenOpinion || null,
                })),
                forCount: Number(v.vote?.forCount ?? 0),
                againstCount: Number(v.vote?.againstCount ?? 0),
                abstainCount: Number(v.vote?.abstainCount ?? 0),
                result: (v.vote?.result as 'pass' | 'fail') ?? 'pass',
              },
            }
          : {}),
      }),
    onSuccess: async (res) => {
      qc.setQueryData([...RECRUITMENT_KEY, 'case', c.id], res);
      await qc.invalidateQueries({ queryKey: RECRUITMENT_KEY });
      if (res.lastVote && !res.lastVote.passed && res.lastStep === c.lastStep) message.warning(t('recruitment.form.voteFailed'));
      else message.success(t('recruitment.form.saved', { name: def.name }));
      form.resetFields();
      setFiles([]);
    },
    onError: (e) => {
      if (isApiError(e)) applyFieldErrors(form, e);
    },
  });

  const submit = (v: Values) =>
    modal.confirm({
      title: t('recruitment.form.confirmTitle'),
      content: t('recruitment.form.confirmBody'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'step-confirm' } as ButtonProps,
      // The whole store: the absentees' member ids are kept in it without a field of their own.
      onOk: () => save.mutate({ ...v, ...form.getFieldsValue(true) }),
    });

  const syncAbsentees = (ids: number[]) => {
    const current = (form.getFieldValue(['vote', 'absentees']) ?? []) as NonNullable<VoteInput['absentees']>;
    form.setFieldValue(
      ['vote', 'absentees'],
      ids.map((id) => current.find((a) => a.memberId === id) ?? { memberId: id }),
    );
  };

  const text = (name: string, label: string, rows = 0, testId?: string) => (
    <Form.Item name={['form', name]} label={label} rules={rq(label)}>
      {rows ? (
        <Input.TextArea rows={rows} maxLength={2000} data-testid={testId ?? `step-form-${name}`} />
      ) : (
        <Input maxLength={50} data-testid={testId ?? `step-form-${name}`} />
      )}
    </Form.Item>
  );

  const err = save.error;
  const fieldLevel = isApiError(err) && err.fieldIssues.length > 0;
  const nameOf = (id: number) => voters.data?.items.find((v) => v.id === id)?.name ?? String(id);

  return (
    <Card
      size="small"
      title={t('recruitment.form.title', { no: def.no, name: def.name })}
      extra={<Tag color={def.actor === 'committee' ? 'blue' : 'default'}>{t(`recruitment.actor.${def.actor}`)}</Tag>}
      data-testid="step-form-card"
    >
      {c.next?.message && (
        <Alert
          type={c.next.state === 'overdue' ? 'error' : c.next.state === 'ok' ? 'info' : 'warning'}
          showIcon
          title={<span data-testid="step-next-message">{c.next.message}</span>}
          style={{ marginBottom: 12 }}
        />
      )}
      {err && (
        <Alert
          type="error"
          showIcon
          title={<span data-testid="step-error">{fieldLevel ? err.fieldIssues.map((i) => i.message).join('；') : errorText(err, t)}</span>}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={() => save.error && save.reset()}
        data-testid="step-form"
      >
        <Flex gap={12} wrap>
          <Form.Item
            name="doneOn"
            label={t('recruitment.form.doneOn')}
            extra={t('recruitment.form.doneOnHelp')}
            rules={rq(t('recruitment.form.doneOn'))}
          >
            <DatePicker data-testid="step-doneOn" />
          </Form.Item>
          <Form.Item name="actors" label={t('recruitment.form.actors')} style={{ minWidth: 280 }}>
            <Input maxLength={200} data-testid="step-actors" />
          </Form.Item>
        </Flex>
        {(def.no === 5 || def.no === 9) && (
          <Form.Item
            name="people"
            label={def.no === 5 ? t('recruitment.form.people5') : t('recruitment.form.people9')}
            rules={rq(t('recruitment.form.pickPeople'))}
          >
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              options={voterOptions}
              loading={voters.isFetching}
              placeholder={t('recruitment.form.pickPeople')}
              data-testid="step-people"
            />
          </Form.Item>
        )}
        {def.form === 'talk' && (
          <>
            {text('talker', t('recruitment.form.talker'))}
            {text('content', t('recruitment.form.content'), 3)}
          </>
        )}
        {def.form === 'activist' && (
          <>
            {text('recommendedBy', t('recruitment.form.recommendedBy'))}
            <Form.Item name={['form', 'opinion']} label={t('recruitment.form.opinion')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {def.form === 'review' && text('opinion', t('recruitment.form.opinion'), 3)}
        {def.form === 'political' && (
          <>
            <Form.Item name={['form', 'conclusion']} label={t('recruitment.form.conclusion')} rules={rq(t('recruitment.form.conclusion'))}>
              <Radio.Group data-testid="step-form-conclusion">
                <Radio value="pass">{t('recruitment.form.conclusionPass')}</Radio>
                <Radio value="fail">{t('recruitment.form.conclusionFail')}</Radio>
              </Radio.Group>
            </Form.Item>
            {text('summary', t('recruitment.form.summary'), 3)}
          </>
        )}
        {def.form === 'training' && (
          <Flex gap={12} wrap>
            {text('organizer', t('recruitment.form.organizer'))}
            <Form.Item name={['form', 'days']} label={t('recruitment.form.days')} rules={rq(t('recruitment.form.days'))}>
              <InputNumber min={0} max={60} step={0.5} data-testid="step-form-days" />
            </Form.Item>
            <Form.Item name={['form', 'hours']} label={t('recruitment.form.hours')} rules={rq(t('recruitment.form.hours'))}>
              <InputNumber min={0} max={500} data-testid="step-form-hours" />
            </Form.Item>
          </Flex>
        )}
        {def.form === 'prereview' && (
          <>
            {text('opinion', t('recruitment.form.opinion'), 2)}
            <Form.Item
              name={['form', 'leavingSoon']}
              label={t('recruitment.form.leavingSoon')}
              rules={rq(t('recruitment.form.leavingSoon'))}
            >
              <Radio.Group data-testid="step-form-leavingSoon">
                <Radio value={false}>{t('common.no')}</Radio>
                <Radio value={true}>{t('common.yes')}</Radio>
              </Radio.Group>
            </Form.Item>
          </>
        )}
        {def.form === 'volunteer' && (
          <>
            <Form.Item name={['form', 'volunteerNo']} label={t('recruitment.form.volunteerNo')}>
              <Input maxLength={30} />
            </Form.Item>
            {text('summary', t('recruitment.form.volunteerSummary'), 2)}
          </>
        )}
        {def.form === 'approval' && (
          <>
            <Flex gap={12} wrap>
              {text('approver', t('recruitment.form.approver'))}
              <Form.Item name={['form', 'docNo']} label={t('recruitment.form.docNo')}>
                <Input maxLength={50} />
              </Form.Item>
            </Flex>
            {text('opinion', t('recruitment.form.opinion'), 2)}
          </>
        )}
        {def.form === 'archive' && text('items', t('recruitment.form.archiveItems'), 2)}
        {meeting && (
          <>
            {def.no === 23 && (
              <Flex gap={12} wrap>
                <Form.Item name={['form', 'outcome']} label={t('recruitment.form.outcome')} rules={rq(t('recruitment.form.outcome'))}>
                  <Radio.Group data-testid="step-form-outcome">
                    <Radio value="convert">{t('recruitment.form.outcomeConvert')}</Radio>
                    <Radio value="extend">{t('recruitment.form.outcomeExtend')}</Radio>
                    <Radio value="cancel">{t('recruitment.form.outcomeCancel')}</Radio>
                  </Radio.Group>
                </Form.Item>
                {outcome === 'extend' && (
                  <Form.Item
                    name={['form', 'extensionMonths']}
                    label={t('recruitment.form.extensionMonths')}
                    rules={rq(t('recruitment.form.extensionMonths'))}
                  >
                    <InputNumber min={1} max={24} data-testid="step-form-extensionMonths" />
                  </Form.Item>
                )}
              </Flex>
            )}
            {text('resolution', t('recruitment.form.resolution'), 2)}
            <Divider titlePlacement="start" plain>
              {t('recruitment.vote.title')} · {t('recruitment.vote.voters', { count: voters.data?.total ?? 0 })}
            </Divider>
            <Form.Item name="absentIds" label={t('recruitment.vote.absentees')}>
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                options={voterOptions}
                placeholder={t('recruitment.vote.pickAbsentees')}
                onChange={(ids: number[]) => syncAbsentees(ids)}
                data-testid="vote-absentees"
              />
            </Form.Item>
            <Form.List name={['vote', 'absentees']}>
              {(fields) =>
                fields.map((f, i) => (
                  <Flex key={f.key} gap={8} wrap align="flex-start" data-testid={`vote-absentee-${i}`}>
                    <Typography.Text style={{ minWidth: 64, paddingTop: 6 }}>{nameOf(absentIds[i])}</Typography.Text>
                    <Form.Item name={[f.name, 'excludedReason']} style={{ minWidth: 300 }}>
                      <Select
                        allowClear
                        placeholder={t('recruitment.vote.excludedNone')}
                        options={Object.entries(EXCLUDED_ABSENCE_REASONS).map(([value, label]) => ({ value, label }))}
                        data-testid={`vote-absentee-${i}-reason`}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'approvedBy']}>
                      <Input placeholder={t('recruitment.vote.approvedBy')} maxLength={50} data-testid={`vote-absentee-${i}-approvedBy`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'writtenOpinion']}>
                      <Select
                        allowClear
                        style={{ width: 140 }}
                        placeholder={t('recruitment.vote.writtenOpinion')}
                        options={(['for', 'against', 'abstain'] as const).map((b) => ({ value: b, label: t(`recruitment.vote.${b}`) }))}
                        data-testid={`vote-absentee-${i}-opinion`}
                      />
                    </Form.Item>
                  </Flex>
                ))
              }
            </Form.List>
            <Flex gap={12} wrap>
              {(['forCount', 'againstCount', 'abstainCount'] as const).map((k) => (
                <Form.Item
                  key={k}
                  name={['vote', k]}
                  label={t(`recruitment.vote.${k.replace('Count', '') as 'for'}`)}
                  rules={rq(t(`recruitment.vote.${k.replace('Count', '') as 'for'}`))}
                >
                  <InputNumber min={0} max={1000} data-testid={`vote-${k}`} />
                </Form.Item>
              ))}
              <Form.Item name={['vote', 'result']} label={t('recruitment.vote.result')} rules={rq(t('recruitment.vote.result'))}>
                <Radio.Group data-testid="vote-result">
                  <Radio value="pass">{t('recruitment.vote.pass')}</Radio>
                  <Radio value="fail">{t('recruitment.vote.fail')}</Radio>
                </Radio.Group>
              </Form.Item>
            </Flex>
            {tally && (
              <Flex gap={8} wrap style={{ marginBottom: 12 }} data-testid="vote-tally">
                <span>
                  {t('recruitment.vote.tally', {
                    entitled: tally.entitled,
                    present: tally.present,
                    forCount: tally.totalFor,
                    opinions: tally.absentOpinionsFor,
                  })}
                </span>
                <Tag color={tally.quorum ? 'green' : 'red'}>
                  {tally.quorum ? t('recruitment.vote.quorumOk') : t('recruitment.vote.quorumNo')}
                </Tag>
                <Tag color={tally.majority ? 'green' : 'red'}>
                  {tally.majority ? t('recruitment.vote.majorityOk') : t('recruitment.vote.majorityNo')}
                </Tag>
              </Flex>
            )}
          </>
        )}
        <Form.Item label={t('recruitment.form.files')}>
          <Upload
            multiple
            fileList={files.map((f) => ({ uid: f.id, name: f.name, status: 'done' as const }))}
            onRemove={(f) => setFiles((xs) => xs.filter((x) => x.id !== f.uid))}
            customRequest={async ({ file, onSuccess, onError }) => {
              try {
                const up = await recruitmentApi.upload(file as File);
                setFiles((xs) => [...xs, up]);
                onSuccess?.(up);
              } catch (e) {
                message.error(errorText(e, t));
                onError?.(e as Error);
              }
            }}
          >
            <Button icon={<UploadOutlined />}>{t('recruitment.form.upload')}</Button>
          </Upload>
          {def.documents.length > 0 && <Typography.Text type="secondary">{def.documents.join('、')}</Typography.Text>}
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="lateReason" label={t('recruitment.form.lateReason')} style={{ minWidth: 280 }}>
            <Input maxLength={200} data-testid="step-lateReason" />
          </Form.Item>
          <Form.Item name="note" label={t('recruitment.form.note')} style={{ minWidth: 280, flex: 1 }}>
            <Input maxLength={1000} />
          </Form.Item>
        </Flex>
        {/* Not a submit button: Enter in a date field must not start an irreversible step. */}
        <Button
          type="primary"
          onClick={() => form.submit()}
          loading={save.isPending}
          disabled={c.next?.state === 'blocked'}
          data-testid="step-submit"
        >
          {t('recruitment.form.submit')}
        </Button>
      </Form>
    </Card>
  );
}
