import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';

/** Console pages of the competitions module (/admin/competitions/*). */
export function CompetitionsRoutes() {
  const { t } = useTranslation();
  return (
    <Card title={t('competitions.title')}>
      <Empty />
    </Card>
  );
}
