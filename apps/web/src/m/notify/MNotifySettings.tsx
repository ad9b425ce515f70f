import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, List, Selector, Stepper, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyApi, type Preferences } from '../../api/notify';
import { errorText } from '../../lib/error-text';
import { ErrorBlock } from '../ErrorBlock';

/** Quiet hours offered on the phone (China time); the API takes any HH:MM pair. */
const WINDOWS = [
  { value: 'none', start: null, end: null },
  { value: '22:00-07:00', start: '22:00', end: '07:00' },
  { value: '21:00-08:00', start: '21:00', end: '08:00' },
  { value: '12:00-14:00', start: '12:00', end: '14:00' },
] as const;

/** 消息提醒: my quiet hours (免打扰) and how many messages beyond the app I take a day. */
export function MNotifySettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const prefs = useQuery({ queryKey: ['notify-preferences'], queryFn: notifyApi.preferences });
  const [draft, setDraft] = useState<Preferences | null>(null);
  useEffect(() => {
    if (prefs.data && !draft) setDraft(prefs.data);
  }, [prefs.data, draft]);
  const save = useMutation({
    mutationFn: (p: Preferences) => notifyApi.setPreferences(p),
    onSuccess: (p) => {
      qc.setQueryData(['notify-preferences'], p);
      Toast.show({ icon: 'success', content: t('notify.saved') });
    },
    onError: (e) => Toast.show({ icon: 'fail', content: errorText(e, t) }),
  });
  if (prefs.error) return <ErrorBlock status="default" title={errorText(prefs.error, t)} />;
  if (!draft) return null;
  const current = draft.quietStart ? `${draft.quietStart}-${draft.quietEnd}` : 'none';
  return (
    <div style={{ padding: 12 }}>
      <List header={t('notify.quietHours')}>
        <List.Item description={t('notify.quietHint')}>
          <Selector
            columns={2}
            value={[current]}
            data-testid="m-notify-quiet"
            options={WINDOWS.map((w) => ({
              value: w.value,
              label: w.value === 'none' ? t('notify.quietNone') : w.value.replace('-', ' – '),
            }))}
            onChange={(v) => {
              const w = WINDOWS.find((x) => x.value === v[0]) ?? WINDOWS[0];
              setDraft({ ...draft, quietStart: w.start, quietEnd: w.end });
            }}
          />
        </List.Item>
      </List>
      <List header={t('notify.dailyCap')} style={{ marginTop: 12 }}>
        <List.Item
          description={t('notify.dailyCapHint')}
          extra={
            <Stepper
              min={0}
              max={20}
              value={draft.dailyCap ?? 20}
              onChange={(n) => setDraft({ ...draft, dailyCap: n === 20 ? null : n })}
            />
          }
        >
          {t('notify.perDay')}
        </List.Item>
      </List>
      <div style={{ padding: 16 }}>
        <Button block color="primary" loading={save.isPending} onClick={() => save.mutate(draft)} data-testid="m-notify-save">
          {t('common.save', '保存')}
        </Button>
      </div>
    </div>
  );
}
