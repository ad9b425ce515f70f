import { useTranslation } from 'react-i18next';

interface Props {
  title?: string;
  text: string;
  /** Offer a link back home. */
  home?: string;
}

/** A framework-free message (loading, crash, unknown path) usable before either UI kit loads. */
export function PlainFallback({ title, text, home }: Props) {
  const { t } = useTranslation();
  return (
    <div
      role={title ? 'alert' : 'status'}
      style={{
        minHeight: '60vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        gap: 12,
        padding: 24,
        textAlign: 'center',
        color: '#555',
        fontFamily: 'system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
      }}
    >
      {title && <h1 style={{ fontSize: 20, margin: 0, color: '#222' }}>{title}</h1>}
      <p style={{ margin: 0 }}>{text}</p>
      {home && (
        <a href={home} style={{ color: '#c8102e' }}>
          {t('common.backHome')}
        </a>
      )}
      {title && !home && (
        <button type="button" onClick={() => window.location.reload()}>
          {t('errors.reload')}
        </button>
      )}
    </div>
  );
}
