import { formatReceipt } from '@vanguard/shared';
import { Button } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveBlob } from '../lib/download';
import { pageStyle, warnStyle } from './report-ui';

/** The receipt as a PNG drawn here (nothing leaves the browser). */
function receiptImage(receipt: string, title: string, warn: string): Promise<Blob | null> {
  const c = document.createElement('canvas');
  c.width = 720;
  c.height = 360;
  const g = c.getContext('2d');
  if (!g) return Promise.resolve(null);
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, c.width, c.height);
  g.fillStyle = '#1f1f1f';
  g.font = '28px sans-serif';
  g.fillText(title, 40, 70);
  g.font = 'bold 54px monospace';
  g.fillText(formatReceipt(receipt), 40, 170);
  g.font = '20px sans-serif';
  g.fillStyle = '#820014';
  const words = warn.match(/.{1,30}/g) ?? [];
  for (const [i, w] of words.entries()) g.fillText(w, 40, 240 + i * 30);
  return new Promise((r) => c.toBlob(r, 'image/png'));
}

/**
 * Shown once after a submission (issue 18 item 2): the receipt, the 请妥善保存 warning, copy and
 * download as an image, and a confirmation that it was saved before the page lets go of it.
 */
export function ReceiptPanel({ receipt }: { receipt: string }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const [done, setDone] = useState(false);
  if (done) {
    return (
      <div style={pageStyle}>
        <p role="status" data-testid="report-done">
          {t('report.cleared')}
        </p>
      </div>
    );
  }
  return (
    <div style={pageStyle}>
      <h2 style={{ fontSize: 18 }}>{t('report.receiptTitle')}</h2>
      <p style={{ margin: '8px 0 4px', color: '#595959' }}>{t('report.receiptLabel')}</p>
      <output
        data-testid="report-receipt"
        style={{
          display: 'block',
          fontSize: 30,
          fontFamily: 'monospace',
          fontWeight: 700,
          letterSpacing: 2,
          background: '#fff',
          padding: 16,
          borderRadius: 8,
          textAlign: 'center',
          color: '#1f1f1f',
        }}
      >
        {formatReceipt(receipt)}
      </output>
      <p style={{ ...warnStyle, marginTop: 12 }} role="alert">
        {t('report.receiptWarn')}
      </p>
      <div style={{ display: 'flex', gap: 8, margin: '12px 0' }}>
        <Button
          onClick={async () => {
            await navigator.clipboard?.writeText(receipt).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? t('report.copied') : t('report.copy')}
        </Button>
        <Button
          data-testid="report-receipt-image"
          onClick={async () => {
            const blob = await receiptImage(receipt, t('report.receiptTitle'), t('report.receiptWarn'));
            if (blob) saveBlob(blob, 'receipt.png');
          }}
        >
          {t('report.download')}
        </Button>
      </div>
      <label style={{ display: 'block', margin: '16px 0' }}>
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} data-testid="report-saved" />{' '}
        {t('report.confirmSaved')}
      </label>
      <Button block color="primary" size="large" disabled={!saved} onClick={() => setDone(true)} data-testid="report-finish">
        {t('report.done')}
      </Button>
    </div>
  );
}
