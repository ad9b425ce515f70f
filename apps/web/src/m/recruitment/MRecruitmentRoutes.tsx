import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, DotLoading, Form, List, Steps, Tag, TextArea, Toast } from 'antd-mobile';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { recruitmentApi } from '../../api/recruitment';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { FormError } from '../auth/FormError';
import { safeHtml } from '../courses/safe-html';
import { ErrorBlock } from '../ErrorBlock';

const KEY = ['recruitment', 'mine'] as const;
const myCase = () => recruitmentApi.myCase();
const submitReport = (note: string) => recruitmentApi.submitThoughtReport({ note });

const STATE_COLOR: Record<string, 'success' | 'warning' | 'danger' | 'default'> = {
  ok: 'success',
  blocked: 'default',
  warning: 'warning',
  due: 'warning',
  overdue: 'danger',
  late: 'danger',
};

const card: React.CSSProperties = { background: '#fff', borderRadius: 10, padding: 12, margin: '0 12px 12px' };
const heading: React.CSSProperties = { fontWeight: 600, marginBottom: 8 };

function ReportForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ note: string }>();
  const send = useMutation({
    mutationFn: (v: { note: string }) => submitReport(v.note.trim()),
    onSuccess: (data) => {
      Toast.show({ icon: 'success', content: t('recruitment.m.submitted') });
      qc.setQueryData(KEY, data);
      form.resetFields();
    },
    onError: (e) => {
      if (isApiError(e)) applyFieldErrors(form, e);
    },
  });
  const err = send.error;
  const fieldLevel = isApiError(err) && err.fieldIssues.length > 0;
  return (
    <div data-testid="m-recruitment-report-form">
      {err && !fieldLevel && <FormError testId="m-recruitment-report-error">{errorText(err, t)}</FormError>}
      <Form
        form={form}
        layout="vertical"
        requiredMarkStyle="none"
        onFinish={(v) => send.mutate(v)}
        onValuesChange={() => err && send.reset()}
        footer={
          <Button block type="submit" color="primary" loading={send.isPending} data-testid="m-recruitment-report-submit">
            {t('recruitment.m.submit')}
          </Button>
        }
      >
        <Form.Item
          name="note"
          label={t('recruitment.m.write')}
          rules={[{ required: true, whitespace: true, message: t('recruitment.m.noteRequired') }]}
        >
          <TextArea
            rows={5}
            maxLength={2000}
            showCount
            placeholder={t('recruitment.m.notePlaceholder')}
            data-testid="m-recruitment-report-note"
          />
        </Form.Item>
      </Form>
    </div>
  );
}

/** 我的入党进程: the stage, what is due next and when, and the thought reports (handed in here). */
function MRecruitmentPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: KEY, queryFn: myCase });
  if (q.isError) return <ErrorBlock status="default" title={errorText(q.error, t)} description="" />;
  if (q.data === undefined) return <DotLoading />;
  const c = q.data;
  if (!c) {
    return (
      <div style={{ padding: '24px 16px', color: '#666', fontSize: 15, lineHeight: 1.7 }} data-testid="m-recruitment-empty">
        {t('recruitment.m.none')}
      </div>
    );
  }
  const timeline = (
    [
      ['appliedOn', c.appliedOn],
      ['activistOn', c.activistOn],
      ['targetOn', c.targetOn],
      ['admittedOn', c.admittedOn],
      ['probationEndsOn', c.probationEndsOn],
      ['fullOn', c.fullOn],
    ] as const
  ).filter(([, v]) => v);
  return (
    <div style={{ padding: '12px 0 24px' }} data-testid="m-recruitment">
      <div style={card}>
        <div style={{ fontSize: 17, fontWeight: 600 }}>{c.name}</div>
        <div style={{ color: 'var(--adm-color-weak)', fontSize: 13, marginBottom: 8 }}>{c.orgName}</div>
        <div style={heading}>
          {t('recruitment.m.stage')}：<span data-testid="m-recruitment-stage">{c.stageName}</span>
        </div>
        <Steps direction="vertical" current={c.stage - 1} style={{ '--title-font-size': '14px' } as React.CSSProperties}>
          {c.stages.map((s) => (
            <Steps.Step key={s.stage} title={s.name} />
          ))}
        </Steps>
        <div style={{ color: '#666', fontSize: 14 }} data-testid="m-recruitment-last">
          {t('recruitment.m.lastStep', { no: c.lastStep, name: c.lastStepName })}
        </div>
      </div>

      {(c.contacts.length > 0 || c.courses.length > 0) && (
        <div style={card}>
          {c.contacts.length > 0 && (
            <div data-testid="m-recruitment-contacts" style={{ marginBottom: c.courses.length ? 10 : 0 }}>
              <div style={heading}>
                {t('recruitment.m.contacts')}：{c.contacts.join('、')}
              </div>
              <div style={{ color: 'var(--adm-color-weak)', fontSize: 13 }}>{t('recruitment.m.contactsHint')}</div>
            </div>
          )}
          {c.courses.length > 0 && (
            <>
              <div style={heading}>{t('recruitment.m.courses')}</div>
              <List style={{ '--border-top': 'none', '--padding-left': '0' } as React.CSSProperties}>
                {c.courses.map((x) => (
                  <List.Item
                    key={x.id}
                    description={x.summary}
                    onClick={() => navigate(`/m/recruitment/courses/${x.id}`)}
                    data-testid={`m-recruitment-course-${x.id}`}
                  >
                    {x.title}
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </div>
      )}

      <div style={card} data-testid="m-recruitment-next">
        <div style={heading}>{t('recruitment.m.next')}</div>
        {c.next ? (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 6, fontSize: 14 }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <span style={{ fontSize: 15 }}>{t('recruitment.m.nextStep', { no: c.next.no, name: c.next.name })}</span>
              <Tag color={STATE_COLOR[c.next.state] ?? 'default'} fill="outline">
                {t(`recruitment.state.${c.next.state as 'ok'}`)}
              </Tag>
            </div>
            <span style={{ color: 'var(--adm-color-weak)' }}>
              {c.next.actor === 'committee' ? t('recruitment.m.byCommittee') : t('recruitment.m.byBranch')}
            </span>
            {c.next.opensOn && c.next.state === 'blocked' && (
              <span data-testid="m-recruitment-next-opens">{t('recruitment.m.opensOn', { date: c.next.opensOn })}</span>
            )}
            {c.next.dueOn && <span data-testid="m-recruitment-next-due">{t('recruitment.m.dueOn', { date: c.next.dueOn })}</span>}
            {c.next.message && <span style={{ color: c.next.state === 'overdue' ? '#a8071a' : '#666' }}>{c.next.message}</span>}
          </div>
        ) : (
          <span style={{ color: '#666' }}>{t('recruitment.m.done')}</span>
        )}
        {c.periodic.length > 0 && (
          <div style={{ marginTop: 10, display: 'flex', flexDirection: 'column', gap: 6 }} data-testid="m-recruitment-periodic">
            {c.periodic.map((p) => (
              <div key={p.kind} style={{ display: 'flex', justifyContent: 'space-between', gap: 8, fontSize: 14 }}>
                <span>{t('recruitment.m.periodicDue', { kind: t(`recruitment.kind.${p.kind as 'review'}`), date: p.dueOn })}</span>
                <Tag color={STATE_COLOR[p.state] ?? 'default'} fill="outline" data-testid={`m-recruitment-periodic-${p.kind}`}>
                  {t(`recruitment.state.${p.state as 'ok'}`)}
                </Tag>
              </div>
            ))}
          </div>
        )}
      </div>

      <div style={card}>
        <div style={heading}>{t('recruitment.m.dates')}</div>
        {timeline.map(([k, v]) => (
          <div key={k} style={{ display: 'flex', justifyContent: 'space-between', fontSize: 14, padding: '2px 0' }}>
            <span style={{ color: '#666' }}>{t(`recruitment.detail.${k}`)}</span>
            <span>{v}</span>
          </div>
        ))}
      </div>

      <div style={card}>
        <div style={heading}>{t('recruitment.m.reports')}</div>
        {c.canReport ? (
          <ReportForm />
        ) : (
          <div style={{ color: 'var(--adm-color-weak)', fontSize: 14, marginBottom: 8 }} data-testid="m-recruitment-not-yet">
            {c.status === 'active' ? t('recruitment.m.notYet') : t('recruitment.m.done')}
          </div>
        )}
        {c.thoughtReports.length === 0 ? (
          <div style={{ color: 'var(--adm-color-weak)', fontSize: 14 }} data-testid="m-recruitment-no-reports">
            {t('recruitment.m.noReports')}
          </div>
        ) : (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8, marginTop: 8 }} data-testid="m-recruitment-reports">
            {c.thoughtReports.map((r) => (
              <div key={r.id} style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }} data-testid={`m-report-${r.id}`}>
                <div style={{ display: 'flex', justifyContent: 'space-between', color: 'var(--adm-color-weak)', fontSize: 12 }}>
                  <span>{r.doneOn}</span>
                  <span>{r.byMe ? t('recruitment.m.byMe') : t('recruitment.m.byBranchRecorded')}</span>
                </div>
                <div style={{ fontSize: 14, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{r.note}</div>
              </div>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

/** A training course of my stage (入党积极分子, 发展对象), to read; workers too (issue 24). */
function MyCoursePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: [...KEY, 'course', id], queryFn: () => recruitmentApi.myCourse(id) });
  const html = useMemo(() => (q.data ? safeHtml(q.data.bodyHtml) : ''), [q.data]);
  if (q.isError)
    return (
      <ErrorBlock
        status="empty"
        title={isApiError(q.error) && q.error.status === 404 ? t('recruitment.m.courseMissing') : errorText(q.error, t)}
        description=""
      />
    );
  if (!q.data) return <DotLoading />;
  return (
    <div style={{ ...card, marginTop: 12 }}>
      <div style={{ fontSize: 18, fontWeight: 600, marginBottom: 6 }}>{q.data.title}</div>
      <div style={{ color: 'var(--adm-color-weak)', fontSize: 13, marginBottom: 10 }}>{q.data.summary}</div>
      <div
        style={{ fontSize: 15, lineHeight: 1.8, overflowWrap: 'anywhere' }}
        data-testid="m-recruitment-course-body"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by sanitize-html on the server and again by safeHtml's allow-list here
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </div>
  );
}

/** Phone pages of the recruitment module, under /m/recruitment/*. */
export function MRecruitmentRoutes() {
  return (
    <Routes>
      <Route index element={<MRecruitmentPage />} />
      <Route path="courses/:id" element={<MyCoursePage />} />
    </Routes>
  );
}
