import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Selector, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { duesApi } from '../../api/dues';
import { errorText } from '../../lib/error-text';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';
import { MY_DUES_KEY } from './my-dues-query';

/** The next `n` months from this one, as YYYY-MM. */
function nextMonths(n: number): string[] {
  const d = new Date();
  return Array.from({ length: n }, (_, i) => {
    const x = new Date(d.getFullYear(), d.getMonth() + i, 1);
    return `${x.getFullYear()}-${String(x.getMonth() + 1).padStart(2, '0')}`;
  });
}

/** 委托代缴: the member names a member of the branch who may pay for them, until a month. */
export function ProxyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const mates = useQuery({ queryKey: ['dues', 'me', 'mates'], queryFn: duesApi.branchMates });
  const months = nextMonths(12);
  const [proxy, setProxy] = useState<number[]>([]);
  const [until, setUntil] = useState<string[]>([months[2]]);
  const save = useMutation({
    mutationFn: () => duesApi.giveProxy({ proxyMemberId: proxy[0], untilMonth: until[0] }),
    onSuccess: () => {
      Toast.show({ icon: 'success', content: t('dues.my.proxyDone') });
      void qc.invalidateQueries({ queryKey: MY_DUES_KEY });
      navigate('/m/dues');
    },
    onError: (e) => Toast.show({ icon: 'fail', content: errorText(e, t) }),
  });
  if (mates.isPending) return <FullPageSpin />;
  if (mates.isError) return <ErrorBlock status="disconnected" title={errorText(mates.error, t)} description="" />;
  if (mates.data.length === 0) return <ErrorBlock status="empty" title={t('dues.my.noMates')} description="" />;
  return (
    <Form
      layout="vertical"
      footer={
        <Button
          block
          color="primary"
          loading={save.isPending}
          onClick={() => {
            if (proxy.length) save.mutate();
            else Toast.show({ content: t('dues.my.proxyPickRequired') });
          }}
          data-testid="proxy-submit"
        >
          {t('dues.my.proxySubmit')}
        </Button>
      }
    >
      <Form.Header>{t('dues.my.proxyNone')}</Form.Header>
      <Form.Item label={t('dues.my.proxyPick')}>
        <Selector
          columns={3}
          value={proxy}
          onChange={setProxy}
          options={mates.data.map((m) => ({ value: m.id, label: m.name }))}
          data-testid="proxy-pick"
        />
      </Form.Item>
      <Form.Item label={t('dues.my.proxyUntil')}>
        <Selector
          columns={3}
          value={until}
          onChange={(v) => v.length && setUntil(v)}
          options={months.map((m) => ({ value: m, label: m }))}
          data-testid="proxy-until"
        />
      </Form.Item>
    </Form>
  );
}
