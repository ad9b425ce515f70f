import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { STEP_CONSEQUENCES, type StepDef } from '@vanguard/shared';
import { Alert, App, Button, type ButtonProps, Card, DatePicker, Flex, Form, Input, Select, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type CaseDetail, RECRUITMENT_KEY, recruitmentApi, type VoteInput } from '../../api/recruitment';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { type StepFile, StepFiles } from './StepFiles';
import { rq, StepOwnFields } from './StepOwnFields';
import { StepVote } from './StepVote';

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

/** What the server is sent for the step: the form's values trimmed, the files, and the vote at a meeting. */
function stepInput(v: Values, def: StepDef, files: StepFile[]) {
  const meeting = def.no === 15 || def.no === 23;
  return {
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
  };
}

/**
 * The form of the next step: date, participants, documents (StepFiles), the step's own form
 * (StepOwnFields) and, at a branch meeting, the vote (StepVote); confirmed, then saved.
 */
export function StepForm({ c, def }: { c: CaseDetail; def: StepDef }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<StepFile[]>([]);
  const meeting = def.no === 15 || def.no === 23;
  const needsVoters = meeting || def.no === 5 || def.no === 9;
  const voters = useQuery({
    queryKey: [...RECRUITMENT_KEY, 'voters', c.id],
    queryFn: () => recruitmentApi.voters(c.id),
    enabled: needsVoters,
  });
  const voterOptions = (voters.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }));
  const save = useMutation({
    mutationFn: (v: Values) => recruitmentApi.step(c.id, def.no, stepInput(v, def, files)),
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
      content: <StepConsequence no={def.no} />,
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'step-confirm' } as ButtonProps,
      // The whole store: the absentees' member ids are kept in it without a field of their own.
      onOk: () => save.mutate({ ...v, ...form.getFieldsValue(true) }),
    });

  const err = save.error;
  const fieldLevel = isApiError(err) && err.fieldIssues.length > 0;

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
        <StepOwnFields def={def} />
        {meeting && <StepVote def={def} voters={voters.data?.items ?? []} total={voters.data?.total ?? 0} />}
        <StepFiles def={def} files={files} onChange={setFiles} />
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

/** The confirmation's text: the step's rule and what recording it does (irreversible steps), then that it cannot be undone. */
export function StepConsequence({ no }: { no: number }) {
  const { t } = useTranslation();
  const c = STEP_CONSEQUENCES[no];
  return (
    <div data-testid="step-consequence">
      {c && (
        <>
          <p data-testid="step-consequence-rule">
            {t('recruitment.form.confirmRule')}：{c.rule}
          </p>
          <p data-testid="step-consequence-effect">
            {t('recruitment.form.confirmEffect')}：{c.effect}
          </p>
        </>
      )}
      <p>{t('recruitment.form.confirmBody')}</p>
    </div>
  );
}
