import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CONTACT_KINDS, type ContactKind } from '@vanguard/shared';
import { ActionSheet, List, NoticeBar, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { careApi } from '../../api/petitions';
import { errorText } from '../../lib/error-text';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';

/** 我联系的职工: tap a worker, tap how (谈心/走访/电话/帮扶) — the contact is logged for today. */
function MyWorkers() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['my-care-workers'], queryFn: careApi.myWorkers });
  const [worker, setWorker] = useState<{ workerId: number; workerName: string } | null>(null);
  const log = useMutation({
    mutationFn: (v: { workerId: number; kind: ContactKind }) => careApi.logContact(v),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: ['my-care-workers'] });
      Toast.show({ icon: 'success', content: t('care.m.logged', { kind: c.kindName, name: c.workerName }) });
    },
    onError: (e) => Toast.show({ icon: 'fail', content: errorText(e, t) }),
  });
  if (q.isPending) return <FullPageSpin />;
  if (q.error) return <ErrorBlock status="default" title={errorText(q.error, t)} />;
  if (!q.data.items.length) return <ErrorBlock status="empty" title={t('care.m.none')} description={t('care.m.noneHint')} />;
  return (
    <>
      {q.data.warning && <NoticeBar content={q.data.warning} color="alert" />}
      <List header={t('care.m.title')}>
        {q.data.items.map((w) => (
          <List.Item
            key={w.workerId}
            data-testid={`m-care-worker-${w.workerId}`}
            onClick={() => setWorker(w)}
            description={w.lastContactOn ? t('care.m.last', { d: w.lastContactOn }) : t('care.m.never')}
            extra={<Tag>{t('care.m.quarterCount', { n: w.contactsThisQuarter })}</Tag>}
          >
            {w.workerName}
            {w.team ? ` · ${w.team}` : ''}
          </List.Item>
        ))}
      </List>
      <ActionSheet
        visible={worker !== null}
        onClose={() => setWorker(null)}
        extra={worker ? `${t('care.m.pickKind')}：${worker.workerName}` : ''}
        actions={Object.entries(CONTACT_KINDS).map(([k, label]) => ({ key: k, text: label }))}
        onAction={(a) => {
          if (worker) log.mutate({ workerId: worker.workerId, kind: a.key as ContactKind });
          setWorker(null);
        }}
      />
    </>
  );
}

export function MCareRoutes() {
  return (
    <Routes>
      <Route index element={<MyWorkers />} />
    </Routes>
  );
}
