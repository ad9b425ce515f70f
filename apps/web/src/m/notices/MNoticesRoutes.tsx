import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Dialog, List, Space, Tag, Toast } from 'antd-mobile';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { MY_NOTICES_KEY, type MyNotice, noticesApi } from '../../api/notices';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';

/** 通知公告 on the phone: my notices (unread first), a notice (opening marks it read), 签收. */
export function MNoticesRoutes() {
  return (
    <Routes>
      <Route index element={<MyNotices />} />
      <Route path=":id" element={<MyNoticePage />} />
    </Routes>
  );
}

function NoticeTags({ n }: { n: MyNotice }) {
  const { t } = useTranslation();
  return (
    <Space wrap style={{ '--gap': '4px' } as React.CSSProperties}>
      {!n.readAt && <Tag color="danger">{t('notices.unread')}</Tag>}
      {n.requireSign && !n.signedAt && <Tag color="warning">{t('notices.toSign')}</Tag>}
      {n.signedAt && <Tag color="success">{t('notices.signedOk')}</Tag>}
    </Space>
  );
}

function MyNotices() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: [...MY_NOTICES_KEY, 'list'], queryFn: () => noticesApi.mine(1, 50) });
  if (q.error) return <ErrorBlock status="default" title={errorText(q.error, t)} />;
  if (!q.data) return <FullPageSpin />;
  if (!q.data.items.length) return <ErrorBlock status="empty" title={t('notices.empty')} description="" />;
  return (
    <List data-testid="m-notices">
      {q.data.items.map((n) => (
        <List.Item
          key={n.id}
          onClick={() => navigate(`/m/notices/${n.id}`)}
          description={
            <span>
              {n.orgName} · {formatDateTime(n.publishedAt)}
            </span>
          }
          extra={<NoticeTags n={n} />}
          data-testid={`m-notice-${n.id}`}
        >
          <span style={{ fontWeight: n.readAt ? 'normal' : 600 }}>{n.title}</span>
        </List.Item>
      ))}
    </List>
  );
}

function MyNoticePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const q = useQuery({ queryKey: [...MY_NOTICES_KEY, id], queryFn: () => noticesApi.myNotice(id) });
  const refresh = () => qc.invalidateQueries({ queryKey: MY_NOTICES_KEY });
  const read = useMutation({ mutationFn: () => noticesApi.read(id), onSuccess: refresh });
  const sign = useMutation({
    mutationFn: () => noticesApi.sign(id),
    onSuccess: () => {
      Toast.show({ icon: 'success', content: t('notices.signedOk') });
      void refresh();
    },
    onError: (e) => Toast.show({ icon: 'fail', content: errorText(e, t) }),
  });
  const unread = q.data && !q.data.readAt;
  // Opening marks it read (once).
  useEffect(() => {
    if (unread && read.isIdle) read.mutate();
  }, [unread, read]);
  if (q.error) return <ErrorBlock status="default" title={errorText(q.error, t)} />;
  if (!q.data) return <FullPageSpin />;
  const n = q.data;
  return (
    <div style={{ padding: 12, display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Card title={<h1 style={{ fontSize: 17, margin: 0 }}>{n.title}</h1>}>
        <div style={{ color: 'var(--adm-color-weak)', fontSize: 13, marginBottom: 8 }}>
          {n.docNo && <div>{n.docNo}</div>}
          <div>
            {n.orgName} · {formatDateTime(n.publishedAt)}
          </div>
          {n.requireSign && n.signDeadline && <div>{t('notices.deadline', { time: formatDateTime(n.signDeadline) })}</div>}
        </div>
        <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.7 }} data-testid="m-notice-body">
          {n.body}
        </div>
      </Card>
      {n.files.length > 0 && (
        <List header={t('notices.attachments')}>
          {n.files.map((f) => (
            <List.Item key={f.id}>
              <a href={`/api/v1/files/${f.id}`}>{f.name}</a>
            </List.Item>
          ))}
        </List>
      )}
      {n.requireSign &&
        (n.signedAt ? (
          <Tag color="success" data-testid="m-notice-signed" style={{ alignSelf: 'center', fontSize: 14, padding: 8 }}>
            {t('notices.signedAt', { time: formatDateTime(n.signedAt) })}
          </Tag>
        ) : (
          <Button
            block
            color="danger"
            loading={sign.isPending}
            data-testid="m-notice-sign"
            onClick={async () => {
              if (await Dialog.confirm({ content: t('notices.signConfirm') })) sign.mutate();
            }}
          >
            {t('notices.sign')}
          </Button>
        ))}
      <Link to="/m/notices">{t('notices.viewAll')}</Link>
    </div>
  );
}
