import type { AgendaGroupKey } from '@vanguard/shared/api/home';
import { Button, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAgenda } from '../../api/home';
import { SEVERITY_COLOR } from './severity';

/** 现在要做的事: the agenda grouped (组织生活, 党费, 发展党员 …), worst first, each with its action. */
export function AgendaCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useAgenda();
  const groups = q.data?.groups ?? [];
  return (
    <Card title={t('home.agendaTitle')} loading={q.isPending} styles={{ body: { padding: '4px 16px' } }} data-testid="agenda">
      {groups.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.agendaEmpty')} />}
      {groups.map((g) => (
        <div key={g.key} data-testid={`agenda-group-${g.key}`} style={{ marginTop: 8 }}>
          <Typography.Text strong>{t(`home.group.${g.key as AgendaGroupKey}`)}</Typography.Text>
          <List
            size="small"
            dataSource={g.items}
            renderItem={(i) => (
              <List.Item
                key={i.key}
                data-testid={`agenda-item-${i.key}`}
                data-severity={i.severity}
                extra={
                  i.link && (
                    <Button size="small" onClick={() => i.link && navigate(i.link)} data-testid="agenda-action">
                      {t('home.go')}
                    </Button>
                  )
                }
              >
                <Flex vertical gap={2}>
                  <Flex gap={6} align="center" wrap>
                    <Tag color={SEVERITY_COLOR[i.severity]}>{t(`severity.${i.severity}`)}</Tag>
                    <span>{i.title}</span>
                  </Flex>
                  {i.body && <Typography.Text type="secondary">{i.body}</Typography.Text>}
                </Flex>
              </List.Item>
            )}
          />
        </div>
      ))}
    </Card>
  );
}
