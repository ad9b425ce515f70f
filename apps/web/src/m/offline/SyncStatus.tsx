import { Button, Dialog, List, NoticeBar } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { discardEntry, type OutboxEntry, outboxEntries, retryEntry, syncNow, useSyncStatus } from './outbox';

/**
 * The outbox as the member sees it: 待同步 N 条 / 同步中 / 已同步, and entries the server refused
 * with its message, 重试 and 放弃. Hidden when nothing ever waited.
 */
export function SyncStatus() {
  const { t } = useTranslation();
  const s = useSyncStatus();
  const [failed, setFailed] = useState<OutboxEntry[]>([]);
  // Re-read the refused entries whenever the status changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: s is the trigger
  useEffect(() => {
    void outboxEntries()
      .then((all) => setFailed(all.filter((e) => e.error)))
      .catch(() => setFailed([]));
  }, [s]);
  if (s.pending === 0 && s.failed === 0 && !s.lastSyncedAt && s.state !== 'syncing') return null;
  const text =
    s.state === 'syncing'
      ? t('learning.sync.syncing')
      : s.pending > 0
        ? s.state === 'offline'
          ? t('learning.sync.offline', { n: s.pending })
          : t('learning.sync.pending', { n: s.pending })
        : s.failed > 0
          ? t('learning.sync.failed', { n: s.failed })
          : t('learning.sync.synced');
  return (
    <div data-testid="sync-status" data-state={s.state} data-pending={s.pending}>
      <NoticeBar
        color={s.failed > 0 || s.state === 'error' ? 'error' : s.pending > 0 ? 'alert' : 'info'}
        content={
          <span data-testid="sync-text">
            {text}
            {s.message ? ` · ${s.message}` : ''}
          </span>
        }
        extra={
          s.pending > 0 && s.state !== 'syncing' ? (
            <Button size="mini" fill="none" onClick={() => void syncNow()} data-testid="sync-now">
              {t('learning.sync.now')}
            </Button>
          ) : null
        }
      />
      {failed.length > 0 && (
        <List>
          {failed.map((e) => (
            <List.Item
              key={e.key}
              description={e.error}
              extra={
                <span style={{ display: 'flex', gap: 4 }}>
                  <Button size="mini" color="primary" onClick={() => void retryEntry(e)} data-testid="sync-retry">
                    {t('learning.sync.retry')}
                  </Button>
                  <Button
                    size="mini"
                    onClick={async () => {
                      if (await Dialog.confirm({ content: t('learning.sync.discardConfirm') })) await discardEntry(e);
                    }}
                  >
                    {t('learning.sync.discard')}
                  </Button>
                </span>
              }
            >
              {e.label}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
