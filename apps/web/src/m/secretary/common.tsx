import { Button, CenterPopup, Dialog, TextArea } from 'antd-mobile';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../lib/session';

export const card: React.CSSProperties = { background: '#fff', borderRadius: 10, padding: 12, margin: '0 12px 12px' };
export const row: React.CSSProperties = { display: 'flex', justifyContent: 'space-between', gap: 8, fontSize: 14, padding: '2px 0' };

/** The branch the secretary works on: ?orgId= (a to-do's link), else their own org. */
export function useWorkOrg(): number | undefined {
  const [params] = useSearchParams();
  const { data: me } = useMe();
  const q = Number(params.get('orgId'));
  return Number.isInteger(q) && q > 0 ? q : me?.org?.id;
}

/** Asks before an action that cannot be taken back; resolves true when confirmed. */
export function confirmAsk(content: ReactNode, okText: string, cancelText: string): Promise<boolean> {
  return Dialog.confirm({
    content,
    confirmText: <span data-testid="sec-confirm-ok">{okText}</span>,
    cancelText,
  });
}

/** A reason typed before an action (退回, 驳回, 缺席): required, 2 characters at least. */
export function ReasonPopup(props: {
  open: boolean;
  title: string;
  label: string;
  initial?: string;
  okText: string;
  busy: boolean;
  testId: string;
  onOk: (reason: string) => void;
  onClose: () => void;
}) {
  // The form is inside the popup and destroyed on close: each opening starts from `initial`.
  return (
    <CenterPopup visible={props.open} onClose={props.onClose} destroyOnClose>
      <ReasonForm {...props} />
    </CenterPopup>
  );
}

function ReasonForm({
  title,
  label,
  initial = '',
  okText,
  busy,
  testId,
  onOk,
  onClose,
}: {
  title: string;
  label: string;
  initial?: string;
  okText: string;
  busy: boolean;
  testId: string;
  onOk: (reason: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const [tried, setTried] = useState(false);
  const bad = text.trim().length < 2;
  return (
    <div style={{ padding: 16, width: 'min(86vw, 420px)' }}>
      <div style={{ fontSize: 17, fontWeight: 600, marginBottom: 8 }}>{title}</div>
      <div style={{ color: '#666', fontSize: 14, marginBottom: 6 }}>{label}</div>
      <div style={{ border: '1px solid #ddd', borderRadius: 6, padding: 6 }} data-testid={`${testId}-reason`}>
        <TextArea rows={3} maxLength={200} value={text} onChange={setText} />
      </div>
      {tried && bad && <div style={{ color: 'var(--adm-color-danger)', fontSize: 13, marginTop: 4 }}>{t('secretaryM.reasonRequired')}</div>}
      <div style={{ display: 'flex', gap: 8, marginTop: 12 }}>
        <Button block onClick={onClose}>
          {t('secretaryM.cancel')}
        </Button>
        <Button
          block
          color="primary"
          loading={busy}
          onClick={() => {
            setTried(true);
            if (!bad) onOk(text.trim());
          }}
          data-testid={`${testId}-ok`}
        >
          {okText}
        </Button>
      </div>
    </div>
  );
}
