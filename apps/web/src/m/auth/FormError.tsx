import type { ReactNode } from 'react';

/** A red message box above a form (role=alert so screen readers announce it). */
export function FormError({ children, testId, tone = 'error' }: { children: ReactNode; testId?: string; tone?: 'error' | 'warning' }) {
  const colors =
    tone === 'error' ? { bg: '#fff1f0', border: '#ffccc7', fg: '#a8071a' } : { bg: '#fffbe6', border: '#ffe58f', fg: '#874d00' };
  return (
    <div
      role="alert"
      data-testid={testId}
      style={{
        margin: '8px 12px',
        padding: '8px 12px',
        background: colors.bg,
        border: `1px solid ${colors.border}`,
        color: colors.fg,
        borderRadius: 8,
        fontSize: 14,
        lineHeight: 1.5,
      }}
    >
      {children}
    </div>
  );
}
