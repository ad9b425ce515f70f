import { onlineManager, useQueryClient } from '@tanstack/react-query';
import { NoticeBar } from 'antd-mobile';
import { useCallback, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { ErrorBlock } from '../ErrorBlock';

/**
 * What the page in view has without signal: `unseen` when one of its queries waits for the network
 * with nothing kept (the page was never opened with signal), else the time of its oldest kept answer.
 * Online (or with nothing shown) it is `null`. Reads of the offline store itself (`['offline', …]`)
 * and the session (`['me']`) do not count.
 */
export function useOfflinePage(): { unseen: boolean; updatedAt: number | null } | null {
  const qc = useQueryClient();
  const subscribe = useCallback(
    (l: () => void) => {
      const a = qc.getQueryCache().subscribe(l);
      const b = onlineManager.subscribe(l);
      return () => {
        a();
        b();
      };
    },
    [qc],
  );
  const snap = useSyncExternalStore(subscribe, () => {
    if (onlineManager.isOnline()) return '';
    let unseen = false;
    let oldest = Number.POSITIVE_INFINITY;
    for (const q of qc.getQueryCache().getAll()) {
      if (q.getObserversCount() === 0 || q.queryKey[0] === 'offline' || q.queryKey[0] === 'me') continue;
      if (q.state.data !== undefined) oldest = Math.min(oldest, q.state.dataUpdatedAt);
      else if (q.state.fetchStatus === 'paused') unseen = true;
    }
    return `${unseen}|${Number.isFinite(oldest) ? oldest : ''}`;
  });
  if (!snap) return null;
  const [unseen, at] = snap.split('|');
  return { unseen: unseen === 'true', updatedAt: at ? Number(at) : null };
}

/** 离线数据，更新于…: above a page shown from what the phone kept. */
export function OfflineStamp({ at }: { at: number | string }) {
  const { t } = useTranslation();
  return (
    <NoticeBar
      color="info"
      wrap
      content={<span data-testid="offline-stamp">{t('mobile.offline.stamp', { time: formatDateTime(new Date(at).toISOString()) })}</span>}
    />
  );
}

/** A page the phone has nothing of, without signal: says so (it loads by itself when the network is back). */
export function OfflineUnseen({ login = false }: { login?: boolean }) {
  const { t } = useTranslation();
  return (
    <ErrorBlock
      status="disconnected"
      fullPage={login}
      title={<span data-testid="offline-unseen">{t(login ? 'mobile.offline.noSession' : 'mobile.offline.unseen')}</span>}
      description={t(login ? 'mobile.offline.noSessionHint' : 'mobile.offline.unseenHint')}
    />
  );
}
