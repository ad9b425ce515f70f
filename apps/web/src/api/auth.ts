import type { LoginInput, LoginResult, MeDto, RecoveryCodesSchema } from '@vanguard/shared/api/auth';
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
    // A shape drift must not lock people out: use the data as sent and log the drift. The check
    // runs after the answer, off the first screen's path (zod is not in the first load).
    void import('@vanguard/shared/api/auth')
      .then(({ MeSchema }) => {
        const parsed = MeSchema.safeParse(raw);
        if (!parsed.success) console.warn('MeDto shape differs from @vanguard/shared', parsed.error.issues);
      })
      .catch(() => undefined);
    return raw as MeDto;
  },
  changePassword: (currentPassword: string, newPassword: string) =>
    api<LoginResult>('/api/v1/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),
  totpSetup: () => api<TotpSetup>('/api/v1/auth/totp/setup', { method: 'POST' }),
  totpEnable: (code: string) => api<z.infer<typeof RecoveryCodesSchema>>('/api/v1/auth/totp/enable', { method: 'POST', body: { code } }),
  totpDisable: (password: string) => api<void>('/api/v1/auth/totp/disable', { method: 'POST', body: { password } }),
};
