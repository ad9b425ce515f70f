import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { MeetingDetailWire } from '@vanguard/shared/api/life';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, InputNumber, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { filesApi } from '../../api/endpoints';
import { lifeApi } from '../../api/life';
import { errorText } from '../../lib/error-text';

export function MinutesCard({
  m,
  editable,
  onSaved,
}: {
  m: MeetingDetailWire;
  editable: boolean;
  onSaved: (m: MeetingDetailWire) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ minutes: string; resolutions?: string; hoursMinutes?: number }>();
  const [err, setErr] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { minutes: string; resolutions?: string; hoursMinutes?: number }) => lifeApi.minutes(m.id, v),
    onSuccess: (x) => {
      setErr(null);
      onSaved(x);
      message.success(t('life.detail.saved'));
    },
    onError: (e) => setErr(errorText(e, t)),
  });
  if (!editable)
    return (
      <Card size="small" title={t('life.detail.minutes')}>
        {m.minutes ? (
          <>
            <div style={{ whiteSpace: 'pre-wrap' }} data-testid="life-minutes-text">
              {m.minutes}
            </div>
            {m.resolutions && <div style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{m.resolutions}</div>}
          </>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </Card>
    );
  return (
    <Card size="small" title={t('life.detail.minutes')}>
      {err && <Alert type="error" showIcon title={err} style={{ marginBottom: 12 }} data-testid="life-minutes-error" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ minutes: m.minutes ?? '', resolutions: m.resolutions ?? '', hoursMinutes: m.hoursMinutes }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="minutes" label={t('life.f.minutes')} rules={[{ required: true, message: '请填写会议记录' }]}>
          <Input.TextArea rows={5} data-testid="life-minutes" />
        </Form.Item>
        <Form.Item name="resolutions" label={t('life.f.resolutions')}>
          <Input.TextArea rows={3} data-testid="life-resolutions" />
        </Form.Item>
        {m.hoursMinutes > 0 && (
          <Form.Item name="hoursMinutes" label={t('life.f.hours')}>
            <InputNumber min={0} max={960} />
          </Form.Item>
        )}
        <Button htmlType="submit" type="primary" loading={save.isPending} data-testid="life-minutes-save">
          {t('life.detail.saveMinutes')}
        </Button>
      </Form>
    </Card>
  );
}

/** 照片 and 发布: the meeting's files, uploading while editable, and publishing once there are minutes. */
export function PhotosCard({ m, editable, onSaved }: { m: MeetingDetailWire; editable: boolean; onSaved: (m: MeetingDetailWire) => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const done = {
    onSuccess: (x: MeetingDetailWire) => {
      onSaved(x);
      message.success(t('life.detail.saved'));
    },
    onError: (e: unknown) => message.error(errorText(e, t)),
  };
  const publish = useMutation({ mutationFn: () => lifeApi.publish(m.id), ...done });
  const attach = useMutation({
    mutationFn: async (file: File) => lifeApi.attach(m.id, (await filesApi.upload(file)).id, 'photo'),
    ...done,
  });
  return (
    <Card size="small" title={t('life.detail.photos')}>
      <Flex gap={12} wrap>
        {m.files.map((f) =>
          f.mime.startsWith('image/') ? (
            <img key={f.id} src={`/api/v1/files/${f.id}`} alt={f.name} style={{ height: 96, borderRadius: 4 }} data-testid="life-photo" />
          ) : (
            <a key={f.id} href={`/api/v1/files/${f.id}`}>
              {f.name}
            </a>
          ),
        )}
        {m.files.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      </Flex>
      {editable && (
        <Upload
          accept="image/jpeg,image/png,image/webp"
          showUploadList={false}
          beforeUpload={(file) => {
            attach.mutate(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={attach.isPending} style={{ marginTop: 12 }} data-testid="life-photo-upload">
            {t('life.detail.upload')}
          </Button>
        </Upload>
      )}
      {editable && m.hasMinutes && (
        <div style={{ marginTop: 16 }}>
          <Button
            type="primary"
            onClick={() => modal.confirm({ title: t('life.detail.publishConfirm'), onOk: () => publish.mutateAsync() })}
            data-testid="life-publish"
          >
            {t('life.detail.publish')}
          </Button>
        </div>
      )}
    </Card>
  );
}
