import { checkPassword } from '@vanguard/shared';
import type { TFunction } from 'i18next';

/** A form rule running the shared password policy, so the browser says what the server would. */
export function passwordPolicyRule(t: TFunction, username: () => string | undefined) {
  return {
    validator: async (_: unknown, value: unknown) => {
      if (typeof value !== 'string' || !value) return;
      const problems = checkPassword(value, username());
      if (problems.length) throw new Error(problems.map((p) => t(`password.problems.${p}`)).join('；'));
    },
  };
}

export const passwordPolicyLines = (t: TFunction): string[] =>
  (['length', 'classes', 'username'] as const).map((p) => t(`password.problems.${p}`));
