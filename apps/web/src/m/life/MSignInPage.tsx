import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, List, NoticeBar, PasscodeInput, Result, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { useMe } from '../../lib/session';
import { signInOrQueue, useSignInQueue } from './offline-queue';
import { canScan, QrScanner } from './QrScanner';

/**
 * 签到: opened by scanning the QR code (the token comes in `?t=`), or by typing the 6-digit code
 * shown on the meeting-room screen. Without network the attempt is queued with its scan time.
 */
export function MSignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const token = params.get('t') ?? undefined;
  const [code, setCode] = useState('');
  const [scanning, setScanning] = useState(false);
  const owner = useMe().data?.id;
  const [error, setError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (input: { token?: string; code?: string }) => signInOrQueue(owner, input),
    onSuccess: (r) => {
      setError(null);
      void qc.invalidateQueries({ queryKey: ['life', 'my'] });
      if (r.kind === 'queued') Toast.show({ content: t('life.m.queued'), duration: 3000 });
    },
    onError: (e) => setError(errorText(e, t)),
  });
  const r = send.data;
  if (r?.kind === 'done')
    return (
      <div>
        <Result
          status="success"
          title={<span data-testid="mlife-signed">{t('life.m.signedIn')}</span>}
          description={`${r.result.topic} · ${formatDateTime(r.result.signedAt)}`}
        />
        <div style={{ padding: 16 }}>
          <Button block onClick={() => navigate('/m/life')}>
            {t('life.mobileTitle')}
          </Button>
        </div>
      </div>
    );
  if (r?.kind === 'queued')
    return (
      <div>
        <Result
          status="waiting"
          title={<span data-testid="mlife-queued">{t('life.m.savedOffline')}</span>}
          description={t('life.m.queued')}
        />
        <SignInQueue owner={owner} />
      </div>
    );
  return (
    <div style={{ padding: 16, background: '#fff', minHeight: '60vh' }}>
      {error && <NoticeBar content={error} color="alert" wrap data-testid="mlife-signin-error" style={{ marginBottom: 12 }} />}
      {scanning && !token ? (
        <QrScanner
          onToken={(tk) => {
            setScanning(false);
            send.mutate({ token: tk });
          }}
          onClose={() => setScanning(false)}
        />
      ) : token ? (
        <>
          <div style={{ textAlign: 'center', margin: '24px 0', color: '#666' }}>{t('life.m.scanned')}</div>
          <Button
            block
            color="danger"
            size="large"
            loading={send.isPending}
            onClick={() => send.mutate({ token })}
            data-testid="mlife-signin-token"
          >
            {t('life.m.signInBtn')}
          </Button>
        </>
      ) : (
        <>
          {canScan() && (
            <Button
              block
              color="primary"
              size="large"
              onClick={() => setScanning(true)}
              data-testid="mlife-scan"
              style={{ marginBottom: 8 }}
            >
              {t('life.m.scan')}
            </Button>
          )}
          <div style={{ textAlign: 'center', margin: '16px 0', color: '#666' }}>{t('life.m.codePlaceholder')}</div>
          <div style={{ display: 'flex', justifyContent: 'center' }}>
            <PasscodeInput
              length={6}
              plain
              value={code}
              onChange={setCode}
              onFill={(v) => send.mutate({ code: v })}
              data-testid="mlife-code"
            />
          </div>
          <Button
            block
            color="danger"
            size="large"
            style={{ marginTop: 24 }}
            disabled={code.length !== 6}
            loading={send.isPending}
            onClick={() => send.mutate({ code })}
            data-testid="mlife-signin-code"
          >
            {t('life.m.signInBtn')}
          </Button>
        </>
      )}
    </div>
  );
}

/** The account's sign-ins waiting for signal, and what the last syncs sent (or the server refused). */
export function SignInQueue({ owner }: { owner: number | undefined }) {
  const { t } = useTranslation();
  const { waiting, synced } = useSignInQueue(owner);
  return (
    <>
      {synced.map((s) => (
        <NoticeBar
          key={s.clientId}
          wrap
          color={s.refused ? 'alert' : 'info'}
          content={
            <span data-testid={s.refused ? 'mlife-refused' : 'mlife-sent'}>
              {s.refused
                ? t('life.m.syncRefused', { message: s.refused })
                : t('life.m.syncSent', { topic: s.topic, time: formatDateTime(s.at) })}
            </span>
          }
        />
      ))}
      {waiting.length > 0 && (
        <List header={t('life.m.queueTitle')} data-testid="mlife-queue">
          {waiting.map((q) => (
            <List.Item
              key={q.clientId}
              data-testid="mlife-queue-item"
              description={formatDateTime(q.scannedAt ? String(q.scannedAt) : null)}
            >
              {q.code ? t('life.m.queueCode', { code: q.code }) : t('life.m.queueScan')}
            </List.Item>
          ))}
        </List>
      )}
    </>
  );
}
