import { REPORT_FILE_TYPES, REPORT_OUTCOME_LABELS, REPORT_STATUS_LABELS } from '@vanguard/shared';
import { Button, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FollowView, fileToBase64, reportIntakeApi } from '../api/reports';
import { Field, fieldStyle, noticeStyle, pageStyle, yuan } from './report-ui';

const ACCEPT = Object.keys(REPORT_FILE_TYPES)
  .map((e) => `.${e}`)
  .join(',');

/**
 * /report/follow: the receipt opens the report — status, replies, reward and claim code; the reporter
 * answers and adds files. The receipt stays in this page's memory only; the page never says whether a
 * receipt exists (the server answers the same for a wrong one and a deleted report).
 */
export function ReportFollowPage() {
  const { t } = useTranslation();
  const [receipt, setReceipt] = useState('');
  const [view, setView] = useState<FollowView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState('');

  const run = async (f: () => Promise<FollowView>) => {
    setBusy(true);
    setError(null);
    try {
      setView(await f());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (!view) {
    return (
      <div style={pageStyle}>
        <h2 style={{ fontSize: 18 }}>{t('report.followTitle')}</h2>
        <form
          autoComplete="off"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => reportIntakeApi.follow(receipt));
          }}
        >
          <Field id="follow-receipt" label={t('report.receiptInput')}>
            <input
              id="follow-receipt"
              autoComplete="off"
              inputMode="numeric"
              spellCheck={false}
              value={receipt}
              onChange={(e) => setReceipt(e.target.value)}
              style={{ ...fieldStyle, fontFamily: 'monospace', fontSize: 20, letterSpacing: 2 }}
              data-testid="follow-receipt"
            />
          </Field>
          {error ? (
            <p role="alert" style={{ color: '#b42318' }} data-testid="follow-error">
              {error}
            </p>
          ) : null}
          <Button block color="primary" size="large" type="submit" loading={busy} data-testid="follow-open">
            {t('report.open')}
          </Button>
        </form>
      </div>
    );
  }

  return (
    <div style={pageStyle}>
      <h2 style={{ fontSize: 18 }}>{view.channelName}</h2>
      <p>
        {t('report.receivedOn')}：{view.receivedOn}　{t('report.status')}：
        <Tag color="primary" data-testid="follow-status">
          {REPORT_STATUS_LABELS[view.status]}
        </Tag>
        {view.outcome ? (
          <>
            　{t('report.outcome')}：<Tag color="success">{REPORT_OUTCOME_LABELS[view.outcome]}</Tag>
          </>
        ) : null}
      </p>
      {view.reward ? (
        <section style={noticeStyle} data-testid="follow-reward">
          <strong>{t('report.reward')}</strong>
          <p style={{ margin: '6px 0' }}>{t('report.rewardText', { amount: yuan(view.reward.amountFen) })}</p>
          <p style={{ margin: 0 }}>
            {t('report.claimCode')}：
            <span style={{ fontFamily: 'monospace', fontSize: 22, fontWeight: 700 }} data-testid="follow-claim">
              {view.reward.claimCode}
            </span>
          </p>
          {view.reward.paidOn ? <p>{t('report.rewardPaid', { day: view.reward.paidOn })}</p> : null}
        </section>
      ) : null}
      <h3 style={{ fontSize: 16 }}>{t('report.replies')}</h3>
      {view.messages.length === 0 ? <p>{t('report.noReplies')}</p> : null}
      <ul style={{ listStyle: 'none', padding: 0 }} data-testid="follow-messages">
        {view.messages.map((m) => (
          <li
            key={m.id}
            style={{
              background: m.kind === 'reporter' ? '#fff' : '#f6ffed',
              border: '1px solid #d9d9d9',
              borderRadius: 8,
              padding: 10,
              marginBottom: 8,
            }}
          >
            <div style={{ fontSize: 12, color: '#595959' }}>
              {m.kind === 'reporter' ? t('report.fromYou') : t('report.fromHandler')} · {m.createdOn}
            </div>
            <div style={{ whiteSpace: 'pre-wrap' }}>{m.text}</div>
          </li>
        ))}
      </ul>
      {view.status !== 'archived' ? (
        <form
          autoComplete="off"
          onSubmit={(e) => {
            e.preventDefault();
            const text = answer;
            void run(() => reportIntakeApi.answer(receipt, text)).then(() => setAnswer(''));
          }}
        >
          <Field id="follow-answer" label={t('report.answer')}>
            <textarea
              id="follow-answer"
              autoComplete="off"
              rows={4}
              maxLength={5000}
              value={answer}
              onChange={(e) => setAnswer(e.target.value)}
              style={fieldStyle}
              data-testid="follow-answer"
            />
          </Field>
          <Button type="submit" color="primary" disabled={!answer.trim()} loading={busy} data-testid="follow-send">
            {t('report.send')}
          </Button>
          <Field id="follow-file" label={t('report.addFile')}>
            <input
              id="follow-file"
              type="file"
              accept={ACCEPT}
              onChange={async (e) => {
                const f = e.target.files?.[0];
                if (f) {
                  const base64 = await fileToBase64(f);
                  void run(() => reportIntakeApi.addFile(receipt, { name: f.name, base64 }));
                }
              }}
            />
          </Field>
        </form>
      ) : null}
      {error ? (
        <p role="alert" style={{ color: '#b42318' }}>
          {error}
        </p>
      ) : null}
      <h3 style={{ fontSize: 16 }}>{t('report.yourReport')}</h3>
      <dl>
        {view.questions
          .filter((q) => view.answers[q.key])
          .map((q) => (
            <div key={q.key}>
              <dt style={{ fontWeight: 600 }}>{q.label}</dt>
              <dd style={{ margin: '2px 0 10px', whiteSpace: 'pre-wrap' }}>{view.answers[q.key]}</dd>
            </div>
          ))}
      </dl>
      {view.files.length ? (
        <p>
          {t('report.files')}：{view.files.map((f) => f.name).join('、')}
        </p>
      ) : null}
    </div>
  );
}
