import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { CorrectionDto, CorrectionStatus } from '../../api/member-types';
import { formatDateTime } from '../../lib/format';
import { fieldLabel, fieldValueText } from '../../lib/member-text';

const STATUS_COLOR = { pending: 'warning', approved: 'success', rejected: 'danger' } as const;

/** My requests, newest first: what I asked, why, and what the branch decided. */
export function MyCorrections({ items }: { items: CorrectionDto[] }) {
  const { t } = useTranslation();
  if (!items.length) {
    return (
      <div style={{ padding: '12px 16px', color: 'var(--adm-color-weak)', fontSize: 14 }} data-testid="record-requests-empty">
        {t('record.none')}
      </div>
    );
  }
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 10, padding: '0 12px' }} data-testid="record-requests">
      {items.map((c) => (
        <div
          key={c.id}
          style={{ background: '#fff', borderRadius: 10, padding: 12, display: 'flex', flexDirection: 'column', gap: 6 }}
          data-testid={`record-request-${c.id}`}
        >
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
            <Tag
              color={STATUS_COLOR[c.status as CorrectionStatus] ?? 'default'}
              fill="outline"
              data-testid={`record-request-status-${c.id}`}
            >
              {t(`record.status.${c.status as CorrectionStatus}`)}
            </Tag>
            <span style={{ color: 'var(--adm-color-weak)', fontSize: 12 }}>
              {t('record.submittedAt', { time: formatDateTime(c.createdAt) })}
            </span>
          </div>
          {Object.entries(c.changes).map(([f, v]) => (
            <div key={f} style={{ fontSize: 15, wordBreak: 'break-word' }}>
              <span style={{ color: '#666' }}>{fieldLabel(t, f)}：</span>
              {fieldValueText(t, f, v)}
            </div>
          ))}
          <div style={{ color: '#666', fontSize: 14, wordBreak: 'break-word' }}>
            {t('corrections.reason')}：{c.reason}
          </div>
          {c.decisionNote && (
            <div style={{ color: c.status === 'rejected' ? '#a8071a' : '#555', fontSize: 14, wordBreak: 'break-word' }}>
              {t('record.decisionNote', { note: c.decisionNote })}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
