import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Progress, Result, Spin, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { importsApi } from '../../../api/endpoints';
import type { MemberImportDto } from '../../../api/member-types';
import { errorText } from '../../../lib/error-text';
import { MEMBERS_KEY } from '../members-query';
import { ImportCheck } from './ImportCheck';
import { ImportUpload } from './ImportUpload';
import { IMPORTS_KEY, useImport } from './import-query';

/**
 * 批量导入党员: upload → check result → import with progress. The import id sits in the address
 * (?id=), so a reload or a second look later finds the same verdict or the running import.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get('id'));
  const id = Number.isInteger(raw) && raw > 0 ? raw : undefined;

  const commit = useMutation({
    mutationFn: (mode: 'all' | 'valid-only') => importsApi.commit(id ?? 0, mode),
    onSuccess: async (dto) => {
      qc.setQueryData([...IMPORTS_KEY, dto.id], dto);
      await qc.invalidateQueries({ queryKey: MEMBERS_KEY });
    },
    // Nothing was written; the server may have a fresh verdict (e.g. an ID number added meanwhile).
    onError: () => qc.invalidateQueries({ queryKey: [...IMPORTS_KEY, id] }),
  });
  const imp = useImport(id, commit.isPending);
  const data = imp.data;

  const open = (next: MemberImportDto | null) => {
    commit.reset();
    if (next) qc.setQueryData([...IMPORTS_KEY, next.id], next);
    setParams(next ? { id: String(next.id) } : {});
  };

  const step = !id ? 0 : commit.isPending || (data && data.status !== 'checked') ? 2 : 1;
  let body: React.ReactNode;
  if (!id) body = <ImportUpload onChecked={open} />;
  else if (imp.isError) {
    body = (
      <Result
        status="warning"
        title={t('errors.loadFailed')}
        subTitle={errorText(imp.error, t)}
        extra={<Button onClick={() => open(null)}>{t('imports.reupload')}</Button>}
      />
    );
  } else if (!data) body = <Spin />;
  else if (data.status === 'committed') {
    body = (
      <Result
        status="success"
        title={t('imports.doneTitle')}
        subTitle={<span data-testid="import-done">{t('imports.doneText', { count: data.importedRows })}</span>}
        extra={[
          <Button key="list" type="primary" onClick={() => navigate('/admin/members')} data-testid="import-to-list">
            {t('imports.toList')}
          </Button>,
          <Button key="again" onClick={() => open(null)}>
            {t('imports.another')}
          </Button>,
        ]}
      />
    );
  } else if (step === 2) {
    const total = Math.max(1, data.validRows);
    body = (
      <Flex vertical gap={12} align="center" style={{ padding: '32px 0' }}>
        <Typography.Text>{t('imports.committing')}</Typography.Text>
        <Progress
          percent={Math.min(100, Math.floor((data.importedRows / total) * 100))}
          status="active"
          style={{ maxWidth: 480 }}
          data-testid="import-progress"
        />
        <Typography.Text type="secondary">{t('imports.progress', { done: data.importedRows, total: data.validRows })}</Typography.Text>
      </Flex>
    );
  } else {
    body = (
      <ImportCheck
        imp={data}
        commitError={commit.error}
        committing={commit.isPending}
        onCommit={(mode) => commit.mutate(mode)}
        onReupload={() => open(null)}
      />
    );
  }
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/admin/members')} aria-label={t('imports.back')} />
          {t('imports.title')}
        </Flex>
      }
    >
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 24 }}
        items={[{ title: t('imports.stepUpload') }, { title: t('imports.stepCheck') }, { title: t('imports.stepCommit') }]}
      />
      {body}
    </Card>
  );
}
