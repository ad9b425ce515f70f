import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorBlock } from './ErrorBlock';

export function NotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <ErrorBlock status="empty" title={t('errors.notFoundTitle')} description={t('errors.notFound')} data-testid="page-404">
      <Button color="primary" onClick={() => navigate('/m/')}>
        {t('common.backHome')}
      </Button>
    </ErrorBlock>
  );
}
