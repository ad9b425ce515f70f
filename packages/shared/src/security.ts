/**
 * Security ruleset (RULES.md §Security, 等保 2.0 level 3). Kept as data with its source so a
 * stricter local policy is a change of numbers, not of code.
 */
export const SECURITY_RULESET = {
  version: '2026.1',
  source: '网络安全等级保护基本要求 GB/T 22239-2019 第三级；RULES.md §Security',
  password: { minLength: 12, minClasses: 3 },
  lockout: { maxFailures: 5, minutes: 30 },
  session: { idleMinutes: 30, absoluteHours: 12 },
  /** Per-IP login throttle: more attempts than this inside the window answer 429. */
  loginThrottle: { maxAttempts: 20, windowSeconds: 300 },
  auditRetentionDays: 180,
} as const;

export type PasswordProblem = 'length' | 'classes' | 'username';

/** Checks a password against the policy; returns what is wrong (empty when it passes). */
export function checkPassword(password: string, username?: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const { minLength, minClasses } = SECURITY_RULESET.password;
  if ([...password].length < minLength) problems.push('length');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < minClasses) problems.push('classes');
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('username');
  }
  return problems;
}

export const PASSWORD_PROBLEM_ZH: Record<PasswordProblem, string> = {
  length: `至少 ${SECURITY_RULESET.password.minLength} 个字符`,
  classes: `需包含大写字母、小写字母、数字、符号中的至少 ${SECURITY_RULESET.password.minClasses} 类`,
  username: '不能包含用户名',
};
