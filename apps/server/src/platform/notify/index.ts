import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import type { Ciphers } from '../crypto/keys.js';
import type { HandlerDef } from '../queue/queue.js';
import { type DispatchDeps, dispatchDue } from './dispatch.js';
import { DISPATCH_QUEUE } from './notify.js';

export { type DispatchResult, dispatchDue } from './dispatch.js';
export { type Audience, kickDispatch, type NotifyInput, type NotifyResult, notify } from './notify.js';
export type { ProviderKind } from './providers.js';

/**
 * The queue's handlers for notifications: `notify.dispatch` runs when a sender kicks it and every
 * minute as a sweep (retries and quiet hours come due with time). At most one waits and one runs
 * (`stately`); the claim uses SKIP LOCKED, so runs on several nodes never send a delivery twice.
 */
export function notifyHandlers(o: {
  db: Db;
  clock: Clock;
  ciphers: Ciphers;
  log: { error(obj: object, msg: string): void };
  addressOf?: DispatchDeps['addressOf'];
}): Record<string, HandlerDef> {
  return {
    [DISPATCH_QUEUE]: {
      policy: 'stately',
      cron: '* * * * *',
      deleteAfterSeconds: 3600,
      retryLimit: 1,
      retryDelay: 5,
      run: async () => {
        // Drain what is due now; each run is bounded, the next kick or sweep takes the rest.
        for (let i = 0; i < 20; i++) {
          const r = await dispatchDue({ db: o.db, now: () => o.clock.now(), ciphers: o.ciphers, addressOf: o.addressOf });
          if (r.sent + r.retrying + r.failed + r.deferred + r.skipped === 0) break;
        }
      },
    },
  };
}
