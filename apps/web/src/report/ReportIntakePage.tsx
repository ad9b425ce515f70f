import { REPORT_FILE_MAX_BYTES, REPORT_FILE_TYPES, REPORT_FILES_MAX } from '@vanguard/shared';
import { Button, SpinLoading } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { fileToBase64, type PublicChannel, reportIntakeApi } from '../api/reports';
import { ErrorBlock } from '../m/ErrorBlock';
import { QuestionFields } from './QuestionFields';
import { ReceiptPanel } from './ReceiptPanel';
import { Field, noticeStyle, pageStyle } from './report-ui';

const ACCEPT = Object.keys(REPORT_FILE_TYPES)
  .map((e) => `.${e}`)
  .join(',');

/** /report: pick a channel, answer its questions, attach files, submit; then the receipt, once. */
export function ReportIntakePage() {
  const { t } = useTranslation();
  const [channels, setChannels] = useState<PublicChannel[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [channel, setChannel] = useState<PublicChannel | null>(null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [exclude, setExclude] = useState<number[]>([]);
  const [reward, setReward] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<string | null>(null);

  useEffect(() => {
    reportIntakeApi.channels().then(
      (r) => setChannels(r.items),
      (e: unknown) => setLoadError(e instanceof Error ? e.message : String(e)),
    );
  }, []);

  if (receipt) return <ReceiptPanel receipt={receipt} />;

  const addFiles = (list: FileList | null) => {
    const picked = [...files, ...Array.from(list ?? [])];
    const big = picked.find((f) => f.size > REPORT_FILE_MAX_BYTES);
    if (big) return setFormError(`附件「${big.name}」超过 10 MB`);
    if (picked.length > REPORT_FILES_MAX) return setFormError(`附件最多 ${REPORT_FILES_MAX} 个`);
    setFormError(null);
    setFiles(picked);
  };

  const submit = async () => {
    if (!channel) return;
    const missing: Record<string, string> = {};
    for (const q of channel.questions) if (q.required && !answers[q.key]?.trim()) missing[`answers.${q.key}`] = `请填写「${q.label}」`;
    setErrors(missing);
    if (Object.keys(missing).length) return setFormError('请填写标红的项目');
    setBusy(true);
    setFormError(null);
    try {
      const encoded = await Promise.all(files.map(async (f) => ({ name: f.name, base64: await fileToBase64(f) })));
      const res = await reportIntakeApi.submit({ channelId: channel.id, answers, exclude, files: encoded, rewardWanted: reward });
      setReceipt(res.receipt);
      // What was typed goes as soon as it is sent: only the receipt stays on screen.
      setAnswers({});
      setFiles([]);
    } catch (e) {
      if (isApiError(e)) {
        setErrors(Object.fromEntries(e.fieldIssues.map((i) => [i.path, i.message])));
        setFormError(e.message);
      } else setFormError(String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={pageStyle}>
      <p style={noticeStyle} data-testid="report-privacy">
        {t('report.privacy')}
      </p>
      <p style={{ fontSize: 13, color: '#595959' }}>{t('report.kiosk')}</p>
      {loadError ? <ErrorBlock status="default" title={loadError} /> : null}
      {!channels && !loadError ? <SpinLoading /> : null}
      {channels && !channel ? (
        <section aria-labelledby="pick-channel">
          <h2 id="pick-channel" style={{ fontSize: 17 }}>
            {t('report.pickChannel')}
          </h2>
          {channels.length === 0 ? <p>{t('report.noChannels')}</p> : null}
          {channels.map((c) => (
            <button
              type="button"
              key={c.id}
              onClick={() => setChannel(c)}
              data-testid={`report-channel-${c.name}`}
              style={{
                display: 'block',
                width: '100%',
                textAlign: 'left',
                padding: 14,
                marginBottom: 10,
                borderRadius: 8,
                border: '1px solid #d9d9d9',
                background: '#fff',
                fontSize: 16,
                color: '#1f1f1f',
              }}
            >
              <strong>{c.name}</strong>
              <span style={{ display: 'block', fontSize: 13, color: '#595959', marginTop: 4 }}>
                {c.orgName} · {c.description}
              </span>
            </button>
          ))}
        </section>
      ) : null}
      {channel ? (
        <form
          autoComplete="off"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <h2 style={{ fontSize: 17 }}>{channel.name}</h2>
          <QuestionFields
            questions={channel.questions}
            answers={answers}
            errors={errors}
            onChange={(k, v) => setAnswers((a) => ({ ...a, [k]: v }))}
          />
          {channel.handlers.length > 1 ? (
            <fieldset style={{ border: '1px solid #d9d9d9', borderRadius: 8, marginBottom: 16 }}>
              <legend style={{ fontWeight: 600 }}>{t('report.excludeTitle')}</legend>
              <p style={{ fontSize: 13, color: '#595959', marginTop: 0 }}>{t('report.excludeHint')}</p>
              {channel.handlers.map((h) => (
                <label key={h.id} style={{ display: 'block', padding: '6px 0' }}>
                  <input
                    type="checkbox"
                    checked={exclude.includes(h.id)}
                    onChange={(e) => setExclude((x) => (e.target.checked ? [...x, h.id] : x.filter((y) => y !== h.id)))}
                  />{' '}
                  {h.name}
                </label>
              ))}
            </fieldset>
          ) : null}
          {channel.rewardEnabled ? (
            <label style={{ display: 'block', marginBottom: 16 }}>
              <input type="checkbox" checked={reward} onChange={(e) => setReward(e.target.checked)} data-testid="report-reward" />{' '}
              {t('report.rewardWanted')}
            </label>
          ) : null}
          <Field id="report-files" label={t('report.attachments')} hint={t('report.attachmentsHint')}>
            <input
              id="report-files"
              type="file"
              multiple
              accept={ACCEPT}
              onChange={(e) => addFiles(e.target.files)}
              data-testid="report-files"
              style={{ fontSize: 15 }}
            />
            <ul style={{ paddingLeft: 18 }}>
              {files.map((f, i) => (
                <li key={`${f.name}-${f.size}-${f.lastModified}`}>
                  {f.name}（{Math.ceil(f.size / 1024)} KB）{' '}
                  <button type="button" onClick={() => setFiles(files.filter((_, j) => j !== i))}>
                    {t('report.removeFile')}
                  </button>
                </li>
              ))}
            </ul>
          </Field>
          {formError ? (
            <p role="alert" style={{ color: '#b42318' }} data-testid="report-error">
              {formError}
            </p>
          ) : null}
          <Button
            block
            color="primary"
            size="large"
            type="submit"
            loading={busy}
            loadingText={t('report.submitting')}
            data-testid="report-submit"
          >
            {t('report.submit')}
          </Button>
          <Button block fill="none" style={{ marginTop: 8 }} onClick={() => setChannel(null)}>
            {t('report.back')}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
