import { ROLES, SECURITY_RULESET } from '@vanguard/shared';
import {
  LoginInputSchema,
  LoginResultSchema,
  MeSchema,
  PasswordChangeSchema,
  RecoveryCodesSchema,
  TotpCodeSchema,
  TotpDisableSchema,
  TotpEnableSchema,
  TotpSetupSchema,
} from '@vanguard/shared/api/auth';
import { NoContent } from '@vanguard/shared/api/wire';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { permissionsOfActor } from '../access/scope.js';
import { ANY_STAGE, actorCtx, clearSessionCookie, clientOf, SIGNED_IN, sessionOf, setSessionCookie } from '../http/access.js';
import {
  changePassword,
  disableTotp,
  enableTotp,
  type Issued,
  login,
  logout,
  mfaRequiredFor,
  setupTotp,
  verifySecondFactor,
} from './auth.service.js';
import { DEVICE_COOKIE, hashToken, SESSION_COOKIE } from './sessions.js';

const MAX_AGE = SECURITY_RULESET.session.absoluteHours * 3600;

export async function authRoutes(app: FastifyInstance, opts: { cookieSecure: boolean }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const issue = (reply: Parameters<typeof setSessionCookie>[0], issued: Issued) => {
    setSessionCookie(reply, issued.token, opts.cookieSecure, MAX_AGE);
    return { stage: issued.session.stage, csrfToken: issued.session.csrfToken };
  };

  r.post('/api/v1/auth/login', {
    // Beyond the derived answers (platform/http/openapi.ts): wrong password, disabled, locked, throttled.
    config: { access: 'public', errors: [401, 403, 423, 429] },
    schema: { tags: ['auth'], summary: '登录', body: LoginInputSchema, response: { 200: LoginResultSchema } },
    handler: async (req, reply) => {
      const previous = req.cookies[SESSION_COOKIE];
      const client = { ...clientOf(req), device: req.cookies[DEVICE_COOKIE] };
      const issued = await login(req.ctx, req.body, client, previous ? hashToken(previous) : undefined);
      const answer = issue(reply, issued);
      // The browser is known to this account from now on (lockout.ts): its own count, the hint, no
      // address throttle. Set after the session cookie, so a client reading the first Set-Cookie gets the session.
      reply.setCookie(DEVICE_COOKIE, issued.deviceToken, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/api/v1/auth',
        secure: opts.cookieSecure,
        maxAge: SECURITY_RULESET.trustedDeviceDays * 86_400,
      });
      return answer;
    },
  });

  r.post('/api/v1/auth/totp/verify', {
    config: { access: { stages: ['mfa'] } },
    schema: {
      tags: ['auth'],
      summary: '第二步：动态验证码或恢复码',
      body: TotpCodeSchema,
      response: { 200: LoginResultSchema },
    },
    handler: async (req, reply) => issue(reply, await verifySecondFactor(req.ctx, sessionOf(req), req.body.code, clientOf(req))),
  });

  r.post('/api/v1/auth/logout', {
    config: { access: { ...ANY_STAGE, csrf: false } },
    schema: { tags: ['auth'], summary: '退出登录', response: NoContent },
    handler: async (req, reply) => {
      await logout(req.ctx, sessionOf(req));
      clearSessionCookie(reply, opts.cookieSecure);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/me', {
    config: { access: SIGNED_IN },
    schema: { tags: ['auth'], summary: '当前用户', response: { 200: MeSchema } },
    handler: async (req) => {
      const ctx = actorCtx(req);
      const session = sessionOf(req);
      return {
        id: ctx.actor.userId,
        username: ctx.actor.username,
        displayName: ctx.actor.displayName,
        org: ctx.actor.orgId && ctx.actor.orgName ? { id: ctx.actor.orgId, name: ctx.actor.orgName } : null,
        roles: ctx.actor.grants.map((g) => ({ id: g.id, role: g.role, roleName: ROLES[g.role].zh, orgId: g.orgId, orgName: g.orgName })),
        permissions: permissionsOfActor(ctx.actor),
        mfaEnabled: ctx.actor.mfaEnabled,
        mfaRequired: await mfaRequiredFor(ctx.db, ctx.actor.grants),
        stage: session.stage,
        csrfToken: session.csrfToken,
        sessionExpiresAt: session.expiresAt.toISOString(),
      };
    },
  });

  r.post('/api/v1/auth/password', {
    config: { access: SIGNED_IN },
    schema: {
      tags: ['auth'],
      summary: '修改密码（结束该账号的全部会话）',
      body: PasswordChangeSchema,
      response: { 200: LoginResultSchema },
    },
    handler: async (req, reply) => issue(reply, await changePassword(actorCtx(req), req.body, clientOf(req))),
  });

  r.post('/api/v1/auth/totp/setup', {
    config: { access: SIGNED_IN },
    schema: {
      tags: ['auth'],
      summary: '生成双因素认证二维码',
      response: { 200: TotpSetupSchema },
    },
    handler: async (req) => setupTotp(actorCtx(req)),
  });

  r.post('/api/v1/auth/totp/enable', {
    config: { access: SIGNED_IN },
    schema: {
      tags: ['auth'],
      summary: '确认启用双因素认证',
      body: TotpEnableSchema,
      response: { 200: RecoveryCodesSchema },
    },
    handler: async (req) => enableTotp(actorCtx(req), sessionOf(req), req.body.code),
  });

  r.post('/api/v1/auth/totp/disable', {
    config: { access: {} },
    schema: { tags: ['auth'], summary: '停用双因素认证', body: TotpDisableSchema, response: NoContent },
    handler: async (req, reply) => {
      await disableTotp(actorCtx(req), req.body.password);
      return reply.status(204).send(null);
    },
  });
}
