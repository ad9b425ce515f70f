import type { AgendaGroupKey } from '@vanguard/shared/api/home';
import { List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAgenda } from '../../api/home';

const COLOR = { info: 'primary', warning: 'warning', danger: 'danger' } as const;

/**
 * 现在要做的事 on the phone: my meetings (tap to open, 请假 there), dues owed, learning, points — and
 * for a secretary the branch's month. An item done on the console says so instead of leading there.
 */
export function AgendaList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useAgenda();
  const groups = q.data?.groups ?? [];
  if (groups.length === 0) return null;
  return (
    <div data-testid="agenda">
      {groups.map((g) => (
        <List key={g.key} header={t(`home.group.${g.key as AgendaGroupKey}`)} data-testid={`agenda-group-${g.key}`}>
          {g.items.map((i) => (
            <List.Item
              key={i.key}
              data-testid={`agenda-item-${i.key}`}
              data-severity={i.severity}
              arrow={Boolean(i.mobileLink)}
              onClick={i.mobileLink ? () => i.mobileLink && navigate(i.mobileLink) : undefined}
              description={[i.body, !i.mobileLink && i.link ? t('home.onDesk') : null].filter(Boolean).join(' · ') || undefined}
              prefix={
                <Tag color={COLOR[i.severity]} fill="outline">
                  {t(`severity.${i.severity}`)}
                </Tag>
              }
            >
              {i.title}
            </List.Item>
          ))}
        </List>
      ))}
    </div>
  );
}
