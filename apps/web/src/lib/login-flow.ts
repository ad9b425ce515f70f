import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginInput, SessionStage } from '@vanguard/shared';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { authApi } from '../api/auth';
import { isApiError } from '../api/client';
import type { Tree } from '../api/location';
import { stagePath } from './session';

const SESSION_GONE: ReadonlySet<string> = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'AUTH_STAGE']);

/**
 * The login state machine shared by both trees: credentials → (mfa code) → the stage's page.
 * `stage: mfa` keeps the user here on the code step; every other stage navigates (docs/API.md).
 */
export function useLoginFlow(tree: Tree) {
  const [params] = useSearchParams();
  const next = params.get('next');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [step, setStep] = useState<'credentials' | 'mfa'>('credentials');
  const [sessionLost, setSessionLost] = useState(false);

  const proceed = (stage: SessionStage) => {
    qc.clear();
    if (stage === 'mfa') {
      setStep('mfa');
      return;
    }
    const to = stagePath(stage, tree, next);
    if (to) navigate(to, { replace: true });
  };

  const login = useMutation({
    mutationFn: (input: LoginInput) => authApi.login(input),
    onMutate: () => setSessionLost(false),
    onSuccess: async (r, input) => {
      // On the phone, another login's offline data (papers, answers, courses, queued sign-ins) is not ours to see.
      // (Imported here, so the console's bundle does not carry the phone's offline store.)
      if (tree === 'm') {
        const [{ claimOfflineData }, { clearSignInQueue }] = await Promise.all([
          import('../m/offline/db'),
          import('../m/life/offline-queue'),
        ]);
        if (await claimOfflineData(input.username).catch(() => false)) clearSignInQueue();
      }
      proceed(r.stage);
    },
  });

  const verify = useMutation({
    mutationFn: (code: string) => authApi.verifyTotp(code.replace(/\s+/g, '')),
    onSuccess: (r) => proceed(r.stage),
    onError: (e) => {
      // The half-open session timed out or was replaced: start again from the password.
      if (isApiError(e) && SESSION_GONE.has(e.code)) {
        setSessionLost(true);
        setStep('credentials');
        login.reset();
      }
    },
  });

  const backToCredentials = async () => {
    await authApi.logout().catch(() => undefined);
    verify.reset();
    login.reset();
    setStep('credentials');
  };

  return { step, next, login, verify, backToCredentials, sessionLost };
}
