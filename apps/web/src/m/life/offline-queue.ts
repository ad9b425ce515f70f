import { lifeApi, type SignInInput } from '../../admin/life/life-api';
import { isApiError } from '../../api/client';

/*
 * 离线签到: underground there is often no signal. A sign-in that fails for lack of network is
 * kept in localStorage with the scanned token (or code and meeting) and the time it was scanned,
 * and sent when the phone is back online; the server accepts it if the token was valid then.
 * The clientId makes the replay idempotent.
 */
const KEY = 'vg.life.signin-queue';

export const queued = (): SignInInput[] => {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '[]') as SignInInput[];
  } catch {
    return [];
  }
};
const save = (items: SignInInput[]) => localStorage.setItem(KEY, JSON.stringify(items));

export const newClientId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/** Sends now; without network, queues with the scan time and returns 'queued'. */
export async function signInOrQueue(input: Omit<SignInInput, 'clientId' | 'scannedAt'>) {
  const attempt: SignInInput = { ...input, clientId: newClientId() };
  try {
    return { kind: 'done' as const, result: await lifeApi.signIn(attempt) };
  } catch (e) {
    if (isApiError(e) && e.code === 'NETWORK') {
      save([...queued(), { ...attempt, scannedAt: new Date().toISOString() }]);
      return { kind: 'queued' as const };
    }
    throw e;
  }
}

/** Sends what is queued; keeps only what still fails for lack of network. Returns how many were sent. */
export async function flushQueue(): Promise<number> {
  const items = queued();
  if (items.length === 0) return 0;
  const left: SignInInput[] = [];
  let sent = 0;
  for (const it of items) {
    try {
      await lifeApi.signIn(it);
      sent++;
    } catch (e) {
      if (isApiError(e) && e.code === 'NETWORK') left.push(it);
      else sent++; // refused for good (expired, outside the window): drop it, the page shows the server's word
    }
  }
  save(left);
  return sent;
}
