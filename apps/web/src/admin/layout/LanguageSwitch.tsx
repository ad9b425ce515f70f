import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Language, setLanguage } from '../../i18n';

/** 中文 / English switch; the choice is remembered in this browser. */
export function LanguageSwitch({ compact = false, onDark = false }: { compact?: boolean; onDark?: boolean }) {
  const { t, i18n } = useTranslation();
  const current: Language = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [current],
        items: [
          { key: 'zh-CN', label: <span data-testid="lang-zh">{t('lang.zh')}</span> },
          { key: 'en-US', label: <span data-testid="lang-en">{t('lang.en')}</span> },
        ],
        onClick: ({ key }) => setLanguage(key === 'en-US' ? 'en-US' : 'zh-CN'),
      }}
    >
      <Button
        type="text"
        icon={<GlobalOutlined />}
        aria-label={compact ? t('lang.label') : `${t('lang.label')}: ${current === 'en-US' ? t('lang.en') : t('lang.zh')}`}
        style={onDark ? { color: '#fff' } : undefined}
        data-testid="lang-switch"
      >
        {compact ? null : current === 'en-US' ? t('lang.en') : t('lang.zh')}
      </Button>
    </Dropdown>
  );
}
