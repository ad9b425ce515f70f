import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Modal, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { analyticsApi, type IndicatorImportDto } from '../../api/analytics';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';
import { fmt } from './metrics';

/** Import of monthly values: template, upload → check (errors per row, months already held with their old values) → confirm. */
export function ImportTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [checked, setChecked] = useState<IndicatorImportDto | null>(null);
  const [asking, setAsking] = useState(false);
  const template = useMutation({
    mutationFn: analyticsApi.template,
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName ?? 'template.xlsx'),
  });
  const upload = useMutation({
    mutationFn: (file: File) => analyticsApi.upload(orgId, file),
    onSuccess: setChecked,
    onError: (e) => message.error(errorText(e, t)),
  });
  const report = useMutation({
    mutationFn: (id: number) => analyticsApi.errorReport(id),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName ?? 'errors.xlsx'),
  });
  const confirm = useMutation({
    mutationFn: (replace: boolean) => analyticsApi.confirm((checked as IndicatorImportDto).id, replace),
    onSuccess: (r) => {
      setChecked(r);
      setAsking(false);
      message.success(t('analytics.import.done'));
      void qc.invalidateQueries({ queryKey: ['analytics'] });
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const dup = checked?.duplicates.length ?? 0;
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph>{t('analytics.import.intro')}</Typography.Paragraph>
      <Flex gap={8}>
        <Button onClick={() => template.mutate()}>{t('analytics.import.template')}</Button>
        <Upload
          accept=".xlsx,.csv"
          showUploadList={false}
          beforeUpload={(file) => {
            setChecked(null);
            upload.mutate(file);
            return false;
          }}
        >
          <Button type="primary" loading={upload.isPending} data-testid="analytics-upload">
            {t('analytics.import.upload')}
          </Button>
        </Upload>
      </Flex>
      {checked && checked.status === 'committed' && (
        <Alert type="success" showIcon message={t('analytics.import.done')} data-testid="analytics-import-done" />
      )}
      {checked && checked.status === 'checked' && checked.errors.length > 0 && (
        <>
          <Alert
            type="error"
            showIcon
            data-testid="analytics-import-errors"
            message={t('analytics.import.errors', { count: checked.errors.length })}
            action={<Button onClick={() => report.mutate(checked.id)}>{t('analytics.import.errorReport')}</Button>}
          />
          <Table
            size="small"
            rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={checked.errors}
            columns={[
              { title: t('analytics.import.row'), dataIndex: 'row', width: 80 },
              { title: t('analytics.import.column'), dataIndex: 'column', width: 120 },
              { title: t('analytics.import.message'), dataIndex: 'message' },
            ]}
          />
        </>
      )}
      {checked && checked.status === 'checked' && checked.errors.length === 0 && (
        <>
          <Alert
            type="success"
            showIcon
            message={`${t('analytics.import.ok')}（${t('analytics.import.rows', { count: checked.rowCount })}）`}
          />
          {dup > 0 && (
            <>
              <Alert type="warning" showIcon message={t('analytics.import.duplicates', { count: dup })} />
              <Table
                size="small"
                data-testid="analytics-duplicates"
                rowKey="row"
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                dataSource={checked.duplicates}
                columns={[
                  { title: t('analytics.import.row'), dataIndex: 'row', width: 70 },
                  { title: t('analytics.import.orgName'), dataIndex: 'orgName' },
                  { title: t('analytics.import.month'), dataIndex: 'month' },
                  { title: t('analytics.import.indicator'), dataIndex: 'name' },
                  { title: t('analytics.import.oldValue'), dataIndex: 'oldValue', align: 'right', render: fmt },
                  { title: t('analytics.import.newValue'), dataIndex: 'newValue', align: 'right', render: fmt },
                ]}
              />
            </>
          )}
          <div>
            <Button
              type="primary"
              data-testid="analytics-confirm"
              loading={confirm.isPending}
              onClick={() => (dup > 0 ? setAsking(true) : confirm.mutate(false))}
            >
              {dup > 0 ? t('analytics.import.confirmReplace') : t('analytics.import.confirm')}
            </Button>
          </div>
        </>
      )}
      <Modal
        open={asking}
        title={t('analytics.import.replaceTitle')}
        onCancel={() => setAsking(false)}
        onOk={() => confirm.mutate(true)}
        confirmLoading={confirm.isPending}
        okButtonProps={{ danger: true }}
      >
        {t('analytics.import.replaceText', { count: dup })}
      </Modal>
    </Flex>
  );
}
