import { useQuery } from '@tanstack/react-query';
import { Badge, List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { MY_NOTICES_KEY, noticesApi } from '../../api/notices';

/** On the phone's home, first: my unread notices (a badge with the count, the newest three). Nothing when all are read. */
export function HomeNotices() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useQuery({ queryKey: [...MY_NOTICES_KEY, 'home'], queryFn: () => noticesApi.mine(1, 3) });
  const count = useQuery({ queryKey: [...MY_NOTICES_KEY, 'count'], queryFn: noticesApi.count });
  const unread = (list.data?.items ?? []).filter((n) => !n.readAt || (n.requireSign && !n.signedAt));
  if (!count.data || (count.data.unread === 0 && count.data.toSign === 0)) return null;
  return (
    <List
      data-testid="home-notices"
      header={
        <span>
          <Badge content={count.data.unread || null} style={{ marginInlineEnd: 12 }}>
            <span style={{ paddingInlineEnd: 8 }}>{t('notices.homeUnread', { count: count.data.unread })}</span>
          </Badge>{' '}
          {count.data.toSign > 0 && t('notices.homeToSign', { count: count.data.toSign })}
        </span>
      }
    >
      {unread.map((n) => (
        <List.Item key={n.id} onClick={() => navigate(`/m/notices/${n.id}`)} description={n.orgName}>
          {n.title}
        </List.Item>
      ))}
      <List.Item onClick={() => navigate('/m/notices')}>{t('notices.viewAll')}</List.Item>
    </List>
  );
}
