/**
 * Security ruleset (RULES.md §Security, 等保 2.0 level 3). Kept as data with its source so a
 * stricter local policy is a change of numbers, not of code.
 */
export const SECURITY_RULESET = {
  version: '2026.1',
  source: '网络安全等级保护基本要求 GB/T 22239-2019 第三级；RULES.md §Security',
  password: { minLength: 12, minClasses: 3 },
  /**
   * Lock after `maxFailures` wrong passwords for `minutes`, counted per account and source (a
   * browser where the password was right once, else the client address), so a stranger locks only
   * their own source. The same limit counts wrong second-factor codes and in-session password
   * re-checks per account; those lock the account from every source (the password is known).
   */
  lockout: { maxFailures: 5, minutes: 30 },
  /** Wrong passwords for one account from all unknown sources in `minutes`: at this many, new devices are locked out (known devices keep their own count). */
  accountLockout: { maxFailures: 20, minutes: 30 },
  /** A browser where an account's password was right once stays known to that account for this long. */
  trustedDeviceDays: 180,
  session: { idleMinutes: 30, absoluteHours: 12 },
  /** Per-address login throttle: after this many failures inside the window, attempts from unknown devices answer 429 (known devices pass). */
  loginThrottle: { maxAttempts: 20, windowSeconds: 300 },
  /** A new password may not be any of the last this many (the current one included). */
  passwordHistory: 5,
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
