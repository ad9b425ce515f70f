import { Button } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The browser's built-in barcode reader (Chrome and Android WebView; not iOS Safari). */
interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type DetectorCtor = new (o: { formats: string[] }) => Detector;
const BarcodeDetectorCtor = (): DetectorCtor | undefined => (globalThis as { BarcodeDetector?: DetectorCtor }).BarcodeDetector;

/** Whether this phone can scan in the page (camera + BarcodeDetector); otherwise the 6-digit code is used. */
export const canScan = () => Boolean(BarcodeDetectorCtor() && navigator.mediaDevices?.getUserMedia);

/** The sign-in token in what a QR code holds: the link `/m/life/sign-in?t=…` or the bare token. */
export function tokenOfQr(text: string): string | null {
  const m = /[?&]t=([^&#]+)/.exec(text);
  const t = m ? decodeURIComponent(m[1]) : text.trim();
  return /^\d{1,10}\.\d{1,12}\.[A-Za-z0-9_-]{22}$/.test(t) ? t : null;
}

/**
 * 扫码签到 inside the app: the back camera, read with the browser's BarcodeDetector every 250 ms
 * until a sign-in QR code is seen. No camera or no detector → the caller shows the numeric code.
 */
export function QrScanner({ onToken, onClose }: { onToken: (token: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const Ctor = BarcodeDetectorCtor();
    if (!Ctor) {
      setError(t('life.m.scanUnsupported'));
      return;
    }
    const detector = new Ctor({ formats: ['qr_code'] });
    const tick = async () => {
      if (stopped || !video.current) return;
      try {
        for (const c of await detector.detect(video.current)) {
          const token = tokenOfQr(c.rawValue);
          if (token) {
            stopped = true;
            onToken(token);
            return;
          }
        }
      } catch {
        // a frame not ready yet: try the next one
      }
      timer = setTimeout(tick, 250);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        void tick();
      })
      .catch(() => setError(t('life.m.scanNoCamera')));
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const tr of stream?.getTracks() ?? []) tr.stop();
    };
  }, [onToken, t]);
  return (
    <div data-testid="mlife-scanner">
      {error ? (
        <div style={{ color: '#c00', margin: '12px 0' }}>{error}</div>
      ) : (
        <video ref={video} muted playsInline style={{ width: '100%', borderRadius: 8, background: '#000' }} />
      )}
      <Button block style={{ marginTop: 12 }} onClick={onClose}>
        {t('life.m.scanClose')}
      </Button>
    </div>
  );
}
