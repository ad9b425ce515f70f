import { timingSafeEqual } from 'node:crypto';
import type { Permission, SessionStage } from '@vanguard/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { type Actor, hasPermission } from '../access/scope.js';
import { findSession, SESSION_COOKIE, type SessionRow } from '../auth/sessions.js';
import { changeFeedOf } from '../cache.js';
import type { Clock } from '../clock.js';
import type { ActorCtx, Ctx } from '../context.js';
import type { Ciphers } from '../crypto/keys.js';
import { AppError } from '../errors.js';
import { tokenActor } from '../service-tokens/tokens.js';

/**
 * Every route declares its access in `config.access`. Public routes say so explicitly; anything
 * else needs a live session at one of the allowed stages (default: active) and, where named, a
 * permission held somewhere. Record-level decisions (404 outside scope, 403 inside) are made by
 * the services with `assertCan` and scoped queries.
 */
/** `permission` as a list means any one of them. */
export type Access =
  | 'public'
  /** A route for integrations: `Authorization: Bearer <service token>` holding this permission; no cookie, no CSRF. */
  | { token: Permission; csrf?: undefined; stages?: undefined; permission?: undefined }
  | {
      stages?: readonly SessionStage[];
      permission?: Permission | readonly Permission[];
      /** Only logout turns the CSRF check off: ending one's own session is harmless, and integrators call it with the cookie alone. */
      csrf?: false;
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    ctx: Ctx;
    session: SessionRow | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ALL_STAGES: readonly SessionStage[] = ['mfa', 'enrol', 'password', 'active'];
export const ANY_STAGE = { stages: ALL_STAGES } as const;
/** Signed in (password and second factor), even if a password change or TOTP enrolment is due. */
export const SIGNED_IN = { stages: ['enrol', 'password', 'active'] } as const;

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function registerAccess(app: FastifyInstance, deps: { db: Db; clock: Clock; ciphers: Ciphers; readCache: boolean }): void {
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.decorateRequest('session', null);
  // Kept reads (platform/cache.ts): listening before the first request (READ_CACHE=false: never, so
  // nothing is kept); a request that may have written (a logout, a grant, a payment) leaves none behind it.
  const feed = changeFeedOf(deps.db);
  app.addHook('onReady', async () => {
    if (deps.readCache) await feed.listen();
  });
  app.addHook('onSend', async (req) => {
    if (UNSAFE.has(req.method)) feed.forgetAll();
  });

  app.addHook('onRequest', async (req: FastifyRequest) => {
    req.ctx = {
      db: deps.db,
      actor: null,
      now: () => deps.clock.now(),
      log: req.log,
      requestId: req.id,
      ip: req.ip ?? null,
      ciphers: deps.ciphers,
    };
    // Routes not found have no config: they fall through to the JSON 404 after this check.
    const access = req.routeOptions.config?.access;
    if (access === 'public' || req.is404) return;
    if (access && 'token' in access) {
      req.ctx.actor = await tokenActor(deps.db, req.headers.authorization, access.token, deps.clock.now());
      return;
    }
    const rule = access ?? {};

    const found = await findSession(deps.db, req.cookies[SESSION_COOKIE], deps.clock.now());
    if (found.kind === 'none') throw new AppError('UNAUTHENTICATED');
    if (found.kind === 'expired') throw new AppError('SESSION_EXPIRED');
    const { session, user, orgName, grants } = found;
    if (!(rule.stages ?? ['active']).includes(session.stage)) {
      throw new AppError('AUTH_STAGE', undefined, { stage: session.stage });
    }
    if (UNSAFE.has(req.method) && rule.csrf !== false && !sameToken(req.headers['x-csrf-token'] as string | undefined, session.csrfToken)) {
      throw new AppError('CSRF');
    }
    const actor: Actor = {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      orgId: user.orgId,
      orgName,
      mfaEnabled: Boolean(user.totpEnabledAt),
      grants: session.stage === 'mfa' ? [] : grants,
    };
    if (rule.permission) {
      const wanted = typeof rule.permission === 'string' ? [rule.permission] : rule.permission;
      if (!wanted.some((p) => hasPermission(actor, p))) throw new AppError('FORBIDDEN');
    }
    req.session = session;
    req.ctx.actor = actor;
  });
}

/** The context of a route behind a session. */
export function actorCtx(req: FastifyRequest): ActorCtx {
  if (!req.ctx.actor) throw new AppError('UNAUTHENTICATED');
  return req.ctx as ActorCtx;
}

export function sessionOf(req: FastifyRequest): SessionRow {
  if (!req.session) throw new AppError('UNAUTHENTICATED');
  return req.session;
}

export function clientOf(req: FastifyRequest) {
  return { ip: req.ip ?? null, userAgent: (req.headers['user-agent'] as string | undefined) ?? null };
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean, maxAgeSeconds: number): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure, maxAge: maxAgeSeconds });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure });
}
