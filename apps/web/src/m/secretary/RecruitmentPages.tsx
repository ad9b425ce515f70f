import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { chinaDay, STEP_CONSEQUENCES, stepDef } from '@vanguard/shared';
import { Button, DotLoading, Form, List, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { type CaseDetail, RECRUITMENT_KEY, recruitmentApi } from '../../api/recruitment';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { hasPermission, useMe } from '../../lib/session';
import { FormError } from '../auth/FormError';
import { MInput } from '../auth/MInput';
import { ErrorBlock } from '../ErrorBlock';
import { card, confirmAsk, useWorkOrg } from './common';

/**
 * The steps the phone can record: those whose form is a few texts (no people to choose, no vote,
 * no numbers); the others say to use the console. Field → label key (recruitment.form.*), long text.
 */
const PHONE_FORMS: Record<string, [string, string, boolean, boolean][]> = {
  none: [],
  talk: [
    ['talker', 'talker', false, true],
    ['content', 'content', true, true],
  ],
  activist: [
    ['recommendedBy', 'recommendedBy', false, true],
    ['opinion', 'opinion', true, false],
  ],
  review: [['opinion', 'opinion', true, true]],
  volunteer: [
    ['volunteerNo', 'volunteerNo', false, false],
    ['summary', 'volunteerSummary', true, true],
  ],
  approval: [
    ['approver', 'approver', false, true],
    ['docNo', 'docNo', false, false],
    ['opinion', 'opinion', true, true],
  ],
  archive: [['items', 'archiveItems', true, true]],
};
const phoneForm = (no: number) => {
  const def = stepDef(no);
  if (!def || no === 5 || no === 9) return null;
  return PHONE_FORMS[def.form ?? 'none'] ?? null;
};

/** 发展党员办理: the branch's people in recruitment with their next step; tap one to record it. */
export function RecruitmentListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const orgId = useWorkOrg();
  const list = useQuery({
    queryKey: [...RECRUITMENT_KEY, 'phone', orgId],
    queryFn: () => recruitmentApi.cases({ orgId, status: 'active', pageSize: 100 }),
    enabled: orgId !== undefined,
  });
  if (list.isError) return <ErrorBlock status="disconnected" title={errorText(list.error, t)} description="" />;
  if (!list.data) return <DotLoading />;
  return (
    <List header={t('secretaryM.step.list')}>
      {list.data.items.length === 0 && <List.Item>{t('secretaryM.empty')}</List.Item>}
      {list.data.items.map((c) => (
        <List.Item
          key={c.id}
          description={c.next ? t('secretaryM.step.next', { no: c.next.no, name: c.next.name }) : t('secretaryM.step.none')}
          extra={<Tag fill="outline">{c.stageName}</Tag>}
          onClick={() => navigate(`/m/secretary/recruitment/${c.id}`)}
          data-testid={`sec-case-${c.id}`}
        >
          {c.name}
        </List.Item>
      ))}
    </List>
  );
}

/** One person: the stage, the next step and, when the phone can record it, its form. */
export function RecruitmentCasePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: [...RECRUITMENT_KEY, 'case', id], queryFn: () => recruitmentApi.get(id) });
  const [done, setDone] = useState<string | null>(null);
  if (q.isError) return <ErrorBlock status="disconnected" title={errorText(q.error, t)} description="" />;
  if (!q.data) return <DotLoading />;
  const c = q.data;
  return (
    <div style={{ padding: '12px 0 24px' }}>
      <div style={card}>
        <div style={{ fontSize: 17, fontWeight: 600 }}>
          {c.name} <Tag color="primary">{c.stageName}</Tag>
        </div>
        <div style={{ color: 'var(--adm-color-weak)', fontSize: 13 }}>{c.orgName}</div>
        {done && (
          <div style={{ color: '#0a7d32', marginTop: 6 }} data-testid="sec-step-done">
            {done}
          </div>
        )}
      </div>
      {c.next ? (
        <StepCard key={`${c.next.no}-${c.lastStep}`} c={c} onDone={setDone} />
      ) : (
        <div style={card}>{t('secretaryM.step.none')}</div>
      )}
    </div>
  );
}

type Values = { doneOn: string; lateReason?: string; form: Record<string, string> };

function StepCard({ c, onDone }: { c: CaseDetail; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const [form] = Form.useForm<Values>();
  const next = c.next as NonNullable<CaseDetail['next']>;
  const fields = phoneForm(next.no);
  const mayDo = hasPermission(me, next.actor === 'committee' ? 'recruitment:approve' : 'members:write');
  const save = useMutation({
    mutationFn: (v: Values) =>
      recruitmentApi.step(c.id, next.no, {
        doneOn: v.doneOn,
        lateReason: v.lateReason?.trim() || null,
        form: Object.fromEntries(
          Object.entries(v.form ?? {})
            .map(([k, x]) => [k, x?.trim() || null])
            .filter(([, x]) => x !== null),
        ),
        fileIds: [],
        people: [],
      }),
    onSuccess: (res) => {
      qc.setQueryData([...RECRUITMENT_KEY, 'case', c.id], res);
      void qc.invalidateQueries({ queryKey: RECRUITMENT_KEY });
      onDone(t('secretaryM.step.done', { no: next.no, name: next.name }));
      Toast.show({ icon: 'success', content: t('recruitment.form.saved', { name: next.name }) });
    },
    onError: (e) => {
      if (isApiError(e)) applyFieldErrors(form, e);
    },
  });
  const rule = STEP_CONSEQUENCES[next.no];
  const ask = (
    <div>
      {rule && <p>{`${t('recruitment.form.confirmRule')}：${rule.rule}`}</p>}
      {rule && <p>{`${t('recruitment.form.confirmEffect')}：${rule.effect}`}</p>}
      <p>{t('recruitment.form.confirmBody')}</p>
    </div>
  );
  const err = save.error;
  return (
    <div style={card} data-testid="sec-step-form">
      <div style={{ fontWeight: 600, marginBottom: 6 }}>{t('recruitment.form.title', { no: next.no, name: next.name })}</div>
      {next.message && <div style={{ color: next.state === 'overdue' ? '#a8071a' : '#666', fontSize: 14 }}>{next.message}</div>}
      {!mayDo || !fields ? (
        <div style={{ color: 'var(--adm-color-weak)', fontSize: 14, marginTop: 6 }} data-testid="sec-step-desk">
          {!mayDo ? t('secretaryM.step.committee') : t('secretaryM.step.onDesk')}
        </div>
      ) : (
        <>
          {err && !(isApiError(err) && err.fieldIssues.length) && <FormError testId="sec-step-error">{errorText(err, t)}</FormError>}
          <Form
            form={form}
            layout="vertical"
            requiredMarkStyle="none"
            initialValues={{ doneOn: chinaDay(new Date()), form: {} }}
            onFinish={async (v: Values) => {
              if (await confirmAsk(ask, t('recruitment.form.submit'), t('secretaryM.cancel'))) save.mutate(v);
            }}
            onValuesChange={() => err && save.reset()}
            footer={
              <Button
                block
                type="submit"
                color="primary"
                loading={save.isPending}
                disabled={next.state === 'blocked'}
                data-testid="sec-step-submit"
              >
                {t('recruitment.form.submit')}
              </Button>
            }
          >
            <Form.Item
              name="doneOn"
              label={t('recruitment.form.doneOn')}
              rules={[{ required: true, message: t('recruitment.form.doneOn') }]}
            >
              <MInput type="date" testId="sec-step-doneOn" />
            </Form.Item>
            {fields.map(([name, label, long, required]) => (
              <Form.Item
                key={name}
                name={['form', name]}
                label={t(`recruitment.form.${label}` as never)}
                rules={required ? [{ required: true, whitespace: true, message: t(`recruitment.form.${label}` as never) }] : []}
              >
                {long ? (
                  <TextArea rows={3} maxLength={2000} data-testid={`sec-step-field-${name}`} />
                ) : (
                  <MInput maxLength={50} testId={`sec-step-field-${name}`} />
                )}
              </Form.Item>
            ))}
            {next.state === 'overdue' && (
              <Form.Item name="lateReason" label={t('recruitment.form.lateReason')}>
                <MInput maxLength={200} testId="sec-step-lateReason" />
              </Form.Item>
            )}
          </Form>
        </>
      )}
    </div>
  );
}
