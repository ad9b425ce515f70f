import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Pretty-printed JSON of a before/after snapshot (masked values arrive masked from the server). */
export function JsonBlock({ label, value, testId }: { label: string; value: unknown; testId?: string }) {
  const { t } = useTranslation();
  const empty = value === null || value === undefined;
  return (
    <div style={{ flex: '1 1 240px', minWidth: 0 }}>
      <Typography.Text strong>{label}</Typography.Text>
      <pre
        data-testid={testId}
        style={{
          margin: '6px 0 0',
          padding: 12,
          background: '#fafafa',
          border: '1px solid #f0f0f0',
          borderRadius: 6,
          fontSize: 12,
          maxHeight: 320,
          overflow: 'auto',
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {empty ? t('audit.empty') : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}
