import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';

/** Console pages of the mentors module (/admin/mentors/*). */
export function MentorsRoutes() {
  const { t } = useTranslation();
  return (
    <Card title={t('mentors.title')}>
      <Empty />
    </Card>
  );
}
