import { type LoginInput, type LoginResult, type MeDto, MeSchema, type RecoveryCodesSchema } from '@vanguard/shared/api/auth';
import type { z } from 'zod';
import { api, setCsrfToken } from './client';
import type { TotpSetup } from './types';

/** Session endpoints (docs/API.md §Public, §Session). Each answer carrying csrfToken refreshes it. */
export const authApi = {
  login: (input: LoginInput) => api<LoginResult>('/api/v1/auth/login', { method: 'POST', body: input, noAuthRedirect: true }),
  verifyTotp: (code: string) => api<LoginResult>('/api/v1/auth/totp/verify', { method: 'POST', body: { code }, noAuthRedirect: true }),
  async logout(): Promise<void> {
    try {
      await api<void>('/api/v1/auth/logout', { method: 'POST', noAuthRedirect: true });
    } finally {
      setCsrfToken(null);
    }
  },
  async me(opts: { noAuthRedirect?: boolean } = {}): Promise<MeDto> {
    const raw = await api<unknown>('/api/v1/me', opts);
    const parsed = MeSchema.safeParse(raw);
    // A shape drift must not lock people out: log it and use the data as sent.
    if (!parsed.success) console.warn('MeDto shape differs from @vanguard/shared', parsed.error.issues);
    return (parsed.success ? parsed.data : raw) as MeDto;
  },
  changePassword: (currentPassword: string, newPassword: string) =>
    api<LoginResult>('/api/v1/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),
  totpSetup: () => api<TotpSetup>('/api/v1/auth/totp/setup', { method: 'POST' }),
  totpEnable: (code: string) => api<z.infer<typeof RecoveryCodesSchema>>('/api/v1/auth/totp/enable', { method: 'POST', body: { code } }),
  totpDisable: (password: string) => api<void>('/api/v1/auth/totp/disable', { method: 'POST', body: { password } }),
};
