import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, type ButtonProps, Card, Col, Flex, Popconfirm, Row, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { importsApi } from '../../../api/endpoints';
import type { ImportRowError, MemberImportDto } from '../../../api/member-types';
import { saveBlob } from '../../../lib/download';
import { errorText } from '../../../lib/error-text';

interface Props {
  imp: MemberImportDto;
  /** Why the last commit did not go through (the verdict may have been refreshed). */
  commitError: unknown;
  committing: boolean;
  onCommit: (mode: 'all' | 'valid-only') => void;
  onReupload: () => void;
}

/** Step 2: the verdict. 全部导入 only without errors; 仅导入无误的行 after a confirmation; or fix and upload again. */
export function ImportCheck({ imp, commitError, committing, onCommit, onReupload }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useMutation({
    mutationFn: () => importsApi.errorReport(imp.id),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName ?? `member-import-${imp.id}-errors.xlsx`),
    onError: (e) => message.error(errorText(e, t)),
  });
  const hasErrors = imp.errorCount > 0;
  const skipped = imp.totalRows - imp.validRows;

  const columns: ColumnsType<ImportRowError> = [
    { key: 'row', title: t('imports.row'), dataIndex: 'row', width: 110, render: (row: number) => t('imports.rowN', { row }) },
    { key: 'column', title: t('imports.column'), dataIndex: 'column', width: 140 },
    { key: 'message', title: t('imports.message'), dataIndex: 'message' },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">{t('imports.file', { name: imp.fileName })}</Typography.Text>
      <Row gutter={16}>
        <Col xs={8}>
          <Card size="small">
            <Statistic title={t('imports.totalRows')} value={imp.totalRows} data-testid="import-total" />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic
              title={t('imports.validRows')}
              value={imp.validRows}
              styles={{ content: { color: '#389e0d' } }}
              data-testid="import-valid"
            />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic
              title={t('imports.errorCount')}
              value={imp.errorCount}
              styles={{ content: { color: hasErrors ? '#cf1322' : undefined } }}
              data-testid="import-error-count"
            />
          </Card>
        </Col>
      </Row>
      {commitError !== null && (
        <Alert
          type="error"
          showIcon
          title={t('imports.commitFailed')}
          description={<span data-testid="import-commit-error">{errorText(commitError, t)}</span>}
        />
      )}
      {hasErrors ? (
        <Alert type="warning" showIcon title={t('imports.hasErrors', { count: imp.errorCount })} data-testid="import-has-errors" />
      ) : (
        <Alert type="success" showIcon title={t('imports.allValid', { count: imp.totalRows })} data-testid="import-all-valid" />
      )}
      {hasErrors && (
        <>
          {imp.errorCount > imp.errors.length && (
            <Typography.Text type="secondary">
              {t('imports.shownFirst', { shown: imp.errors.length, count: imp.errorCount })}
            </Typography.Text>
          )}
          <Table<ImportRowError>
            rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
            size="small"
            columns={columns}
            dataSource={imp.errors}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (total) => t('common.total', { count: total }) }}
            scroll={{ x: 'max-content' }}
            data-testid="import-errors"
          />
          <div>
            <Button
              icon={<DownloadOutlined />}
              loading={report.isPending}
              onClick={() => report.mutate()}
              data-testid="import-error-report"
            >
              {t('imports.downloadReport')}
            </Button>
          </div>
        </>
      )}
      <Typography.Text type="secondary">{t('imports.atomic')}</Typography.Text>
      <Flex gap={8} wrap>
        <Button type="primary" disabled={hasErrors} loading={committing} onClick={() => onCommit('all')} data-testid="import-commit-all">
          {t('imports.commitAll')}
        </Button>
        {hasErrors && (
          <Popconfirm
            title={t('imports.commitValidConfirm', { count: imp.validRows, skipped })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            okButtonProps={{ 'data-testid': 'confirm-ok' } as ButtonProps}
            onConfirm={() => onCommit('valid-only')}
            disabled={imp.validRows === 0}
          >
            <Button disabled={imp.validRows === 0 || committing} data-testid="import-commit-valid">
              {t('imports.commitValid', { count: imp.validRows })}
            </Button>
          </Popconfirm>
        )}
        <Button icon={<ReloadOutlined />} onClick={onReupload} disabled={committing} data-testid="import-reupload">
          {t('imports.reupload')}
        </Button>
      </Flex>
    </Flex>
  );
}
