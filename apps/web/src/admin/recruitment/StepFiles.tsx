import { UploadOutlined } from '@ant-design/icons';
import type { StepDef } from '@vanguard/shared';
import { App, Button, Form, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { recruitmentApi } from '../../api/recruitment';
import { errorText } from '../../lib/error-text';

export interface StepFile {
  id: string;
  name: string;
}

/** The step's documents: uploaded one by one, listed, removable; the step says which it expects. */
export function StepFiles({
  def,
  files,
  onChange,
}: {
  def: StepDef;
  files: StepFile[];
  onChange: (f: (xs: StepFile[]) => StepFile[]) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Form.Item label={t('recruitment.form.files')}>
      <Upload
        multiple
        fileList={files.map((f) => ({ uid: f.id, name: f.name, status: 'done' as const }))}
        onRemove={(f) => onChange((xs) => xs.filter((x) => x.id !== f.uid))}
        customRequest={async ({ file, onSuccess, onError }) => {
          try {
            const up = await recruitmentApi.upload(file as File);
            onChange((xs) => [...xs, up]);
            onSuccess?.(up);
          } catch (e) {
            message.error(errorText(e, t));
            onError?.(e as Error);
          }
        }}
      >
        <Button icon={<UploadOutlined />}>{t('recruitment.form.upload')}</Button>
      </Upload>
      {def.documents.length > 0 && <Typography.Text type="secondary">{def.documents.join('、')}</Typography.Text>}
    </Form.Item>
  );
}
