import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.js';
import type { Actor } from './access/scope.js';
import type { Ciphers } from './crypto/keys.js';

/** What every use case receives: `(ctx, input) → result` (STYLE.md §Module anatomy). */
export interface Ctx {
  db: Db;
  actor: Actor | null;
  now: () => Date;
  log: FastifyBaseLogger;
  requestId: string;
  ip: string | null;
  ciphers: Ciphers;
}

/** A context whose actor is known (any route behind a session). */
export type ActorCtx = Ctx & { actor: Actor };
