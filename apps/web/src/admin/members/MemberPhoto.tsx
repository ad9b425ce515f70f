import { DeleteOutlined, UploadOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Button, Flex, Popconfirm, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { filesApi, memberRecordsApi } from '../../api/endpoints';
import { errorText } from '../../lib/error-text';
import { MEMBERS_KEY } from './members-query';

/** The record's photo (一寸照), with upload and remove for those who may edit the archive. */
export function MemberPhoto({ memberId, photoUrl, canWrite }: { memberId: number; photoUrl: string | null; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const set = useMutation({
    mutationFn: async (file: File | null) => memberRecordsApi.setPhoto(memberId, file ? (await filesApi.upload(file)).id : null),
    onSuccess: async (_, file) => {
      message.success(file ? t('memberRecords.photo.saved') : t('memberRecords.photo.removed'));
      await qc.invalidateQueries({ queryKey: MEMBERS_KEY });
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  return (
    <Flex vertical align="center" gap={8} style={{ width: 132 }}>
      <Avatar
        shape="square"
        size={{ xs: 96, sm: 112, md: 120, lg: 120, xl: 120, xxl: 120 }}
        src={photoUrl ?? undefined}
        icon={<UserOutlined />}
        alt={photoUrl ? undefined : t('memberRecords.photo.none')}
        data-testid="member-photo"
      />
      {canWrite && (
        <>
          <Upload
            accept="image/jpeg,image/png,image/webp"
            showUploadList={false}
            beforeUpload={(file) => {
              set.mutate(file);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={set.isPending} data-testid="member-photo-upload">
              {photoUrl ? t('memberRecords.photo.change') : t('memberRecords.photo.upload')}
            </Button>
          </Upload>
          {photoUrl && (
            <Popconfirm title={t('memberRecords.photo.removeConfirm')} onConfirm={() => set.mutateAsync(null)}>
              <Button size="small" type="text" danger icon={<DeleteOutlined />} data-testid="member-photo-remove">
                {t('memberRecords.photo.remove')}
              </Button>
            </Popconfirm>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('memberRecords.photo.hint')}
          </Typography.Text>
        </>
      )}
    </Flex>
  );
}
