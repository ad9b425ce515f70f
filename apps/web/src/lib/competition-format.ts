/** Countdown and answer display shared by the console's host screen and the phone's competition pages. */
import { useEffect, useState } from 'react';

/** Seconds left on a countdown by the server's clock (offset = server − local), ticking. */
export function useCountdown(endsAt: string | null | undefined, offsetMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!endsAt) return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [endsAt]);
  if (!endsAt) return 0;
  return Math.max(0, Math.ceil((new Date(endsAt).getTime() - (now + offsetMs)) / 1000));
}

export const seconds = (ms: number) => `${(Math.round(ms / 100) / 10).toFixed(1)}`;
export const keyText = (k: string) => (k === 'true' ? '正确' : k === 'false' ? '错误' : k);
