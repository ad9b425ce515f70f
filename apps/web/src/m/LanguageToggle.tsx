import { GlobalOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';

/** One tap switches 中文 ⇄ English (remembered in this browser). */
export function LanguageToggle({ onDark = false }: { onDark?: boolean }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return (
    <button
      type="button"
      onClick={() => setLanguage(en ? 'zh-CN' : 'en-US')}
      aria-label={`${t('lang.label')}: ${en ? t('lang.zh') : t('lang.en')}`}
      data-testid="lang-switch"
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 4,
        border: 'none',
        background: 'transparent',
        color: onDark ? '#fff' : '#333',
        fontSize: 14,
        padding: '6px 4px',
      }}
    >
      <GlobalOutline /> {en ? t('lang.zh') : t('lang.en')}
    </button>
  );
}
