import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Spin, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importsApi } from '../../../api/endpoints';
import type { MemberImportDto } from '../../../api/member-types';
import { saveBlob } from '../../../lib/download';
import { errorText } from '../../../lib/error-text';
import { localFileProblem, MAX_IMPORT_ROWS, MAX_UPLOAD_MB, uploadErrorText } from './import-query';

const XLSX_TYPES = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Step 1: the template, then one .xlsx file; the server checks every row and writes nothing yet. */
export function ImportUpload({ onChecked }: { onChecked: (imp: MemberImportDto) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  const template = useMutation({
    mutationFn: importsApi.template,
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName ?? 'member-import-template.xlsx'),
    onError: (e) => message.error(errorText(e, t)),
  });
  const upload = useMutation({ mutationFn: importsApi.upload, onSuccess: onChecked });
  const problem = localProblem ?? (upload.error ? uploadErrorText(upload.error, t) : null);

  return (
    <Flex vertical gap={24} style={{ maxWidth: 720 }}>
      <div>
        <Typography.Title level={5}>{t('imports.templateTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('imports.templateHint')}</Typography.Paragraph>
        <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate()} data-testid="import-template">
          {t('imports.downloadTemplate')}
        </Button>
      </div>
      <div>
        <Typography.Title level={5}>{t('imports.uploadTitle')}</Typography.Title>
        {problem && (
          <Alert
            type="error"
            showIcon
            title={t('imports.uploadFailed')}
            description={<span data-testid="import-upload-error">{problem}</span>}
            style={{ marginBottom: 12 }}
          />
        )}
        <Spin spinning={upload.isPending} description={t('imports.checking')}>
          <div data-testid="import-upload">
            <Upload.Dragger
              accept={XLSX_TYPES}
              multiple={false}
              maxCount={1}
              showUploadList={false}
              disabled={upload.isPending}
              beforeUpload={(file) => {
                const local = localFileProblem(file, t);
                setLocalProblem(local);
                upload.reset();
                if (!local) upload.mutate(file);
                // The request is ours (the API client adds the CSRF header): antd must not send it.
                return Upload.LIST_IGNORE;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('imports.dragText')}</p>
              <p className="ant-upload-hint">{t('imports.dragHint', { mb: MAX_UPLOAD_MB, rows: MAX_IMPORT_ROWS.toLocaleString() })}</p>
            </Upload.Dragger>
          </div>
        </Spin>
      </div>
    </Flex>
  );
}
