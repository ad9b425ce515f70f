import type { CSSProperties, ReactNode } from 'react';

/* Plain, labelled native fields for the public pages: autocomplete off everywhere (a shared phone or a
 * kiosk must not offer the last reporter's words), nothing kept in storage. */
export const fieldStyle: CSSProperties = {
  width: '100%',
  boxSizing: 'border-box',
  fontSize: 16,
  padding: '10px 12px',
  border: '1px solid #c8c8c8',
  borderRadius: 6,
  background: '#fff',
  color: '#1f1f1f',
};

export function Field({
  id,
  label,
  hint,
  required,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <div style={{ marginBottom: 16 }}>
      <label htmlFor={id} style={{ display: 'block', fontWeight: 600, marginBottom: 6, color: '#1f1f1f' }}>
        {label}
        {required ? <span style={{ color: '#b42318' }}> *</span> : null}
      </label>
      {hint ? (
        <div id={`${id}-hint`} style={{ fontSize: 13, color: '#595959', marginBottom: 6 }}>
          {hint}
        </div>
      ) : null}
      {children}
    </div>
  );
}

export const pageStyle: CSSProperties = { maxWidth: 640, margin: '0 auto', padding: '12px 16px 48px', boxSizing: 'border-box' };
export const noticeStyle: CSSProperties = {
  background: '#f0f5ff',
  border: '1px solid #adc6ff',
  borderRadius: 8,
  padding: 12,
  fontSize: 14,
  lineHeight: 1.6,
  color: '#1f1f1f',
};
export const warnStyle: CSSProperties = {
  background: '#fff1f0',
  border: '1px solid #ffa39e',
  borderRadius: 8,
  padding: 12,
  fontSize: 15,
  lineHeight: 1.6,
  color: '#820014',
};

export const yuan = (fen: number) => (fen / 100).toFixed(2);
