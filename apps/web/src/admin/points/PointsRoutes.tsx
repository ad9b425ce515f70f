import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';

/** Console pages of the points module (/admin/points/*). */
export function PointsRoutes() {
  const { t } = useTranslation();
  return (
    <Card title={t('points.title')}>
      <Empty />
    </Card>
  );
}
