import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { chinaDateTime } from '@vanguard/shared';
import { Card, List, Tag } from 'antd-mobile';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate, useParams } from 'react-router';
import { decisionsApi } from '../../api/decisions';
import { errorText } from '../../lib/error-text';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';

/** 党务公开 reaching me, newest first. */
function MyPublications() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['my-decision-publications'], queryFn: () => decisionsApi.myPublications() });
  if (q.isPending) return <FullPageSpin />;
  if (q.error) return <ErrorBlock status="default" title={errorText(q.error, t)} />;
  if (!q.data.items.length) return <ErrorBlock status="empty" title={t('decisions.m.none')} />;
  return (
    <List header={t('decisions.m.title')}>
      {q.data.items.map((p) => (
        <List.Item
          key={p.id}
          data-testid={`m-publication-${p.id}`}
          onClick={() => navigate(`/m/decisions/${p.id}`)}
          description={`${p.orgName} · ${chinaDateTime(new Date(p.publishedAt))}`}
          extra={p.read ? <Tag>{t('decisions.m.read')}</Tag> : <Tag color="danger">{t('decisions.m.unread')}</Tag>}
        >
          {p.title}
          <Tag style={{ marginLeft: 6 }}>{p.kindName}</Tag>
        </List.Item>
      ))}
    </List>
  );
}

/** One publication: opening it counts as read. */
function Publication() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const read = useMutation({
    mutationFn: () => decisionsApi.read(id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['my-decision-publications'] }),
  });
  const { mutate } = read;
  useEffect(() => mutate(), [mutate]);
  if (read.isPending || read.isIdle) return <FullPageSpin />;
  if (read.error || !read.data) return <ErrorBlock status="default" title={errorText(read.error, t)} />;
  const p = read.data;
  return (
    <Card title={<span data-testid="m-publication-title">{p.title}</span>}>
      <p style={{ color: 'var(--adm-color-weak)' }}>
        {p.orgName} · {p.kindName} · {chinaDateTime(new Date(p.publishedAt))}
      </p>
      <p style={{ whiteSpace: 'pre-wrap' }} data-testid="m-publication-body">
        {p.body}
      </p>
    </Card>
  );
}

/** /m/decisions/*: 党务公开 on the phone. */
export function MDecisionsRoutes() {
  return (
    <Routes>
      <Route index element={<MyPublications />} />
      <Route path=":id" element={<Publication />} />
    </Routes>
  );
}
