import { EyeInvisibleOutline, EyeOutline } from 'antd-mobile-icons';
import { type InputHTMLAttributes, useState } from 'react';

type NativeProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>;

interface Props extends NativeProps {
  value?: string;
  onChange?: (value: string) => void;
  /** Adds a show/hide button for passwords. */
  password?: boolean;
  testId?: string;
}

/**
 * antd-mobile's Input puts data-* attributes on its wrapper div, so browser tests could not fill
 * it. This is a plain input with the same look (borderless inside a Form.Item, 17px text, the
 * theme's placeholder colour) and the test id on the <input> itself.
 */
export function MInput({ value, onChange, password = false, testId, ...rest }: Props) {
  const [visible, setVisible] = useState(false);
  return (
    <div style={{ display: 'flex', alignItems: 'center', width: '100%' }}>
      <input
        {...rest}
        style={{
          flex: 1,
          minWidth: 0,
          border: 'none',
          outline: 'none',
          background: 'transparent',
          padding: '4px 0',
          fontSize: 17,
          lineHeight: 1.5,
          color: 'var(--adm-color-text, #333)',
          fontFamily: 'inherit',
        }}
        type={password && !visible ? 'password' : (rest.type ?? 'text')}
        value={value ?? ''}
        onChange={(e) => onChange?.(e.target.value)}
        data-testid={testId}
      />
      {password && (
        <button
          type="button"
          onClick={() => setVisible((v) => !v)}
          aria-label={visible ? 'hide' : 'show'}
          style={{
            border: 'none',
            background: 'none',
            padding: '4px 6px',
            color: 'var(--adm-color-weak)',
            fontSize: 20,
            lineHeight: 1,
            display: 'flex',
          }}
        >
          {visible ? <EyeOutline /> : <EyeInvisibleOutline />}
        </button>
      )}
    </div>
  );
}
