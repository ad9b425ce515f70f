import { Checkbox, Input, Radio, Space, TextArea } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { AttemptQuestion, Response } from '../../api/learning';

const LETTERS = 'ABCDEFGH';
const SQUARE_BOXES = '.vg-multiple .adm-checkbox .adm-checkbox-icon{border-radius:4px}';

/** The answer input of one question (choice, judge, blanks, short text), online and offline alike. */
export function QuestionInputView({
  q,
  value,
  onChange,
}: {
  q: AttemptQuestion;
  value: Response | null;
  onChange: (r: Response | null) => void;
}) {
  const { t } = useTranslation();
  const keys = value && 'keys' in value ? value.keys : [];
  const texts = value && 'texts' in value ? value.texts : [];
  if (q.type === 'single' || q.type === 'judge')
    return (
      <Radio.Group value={keys[0] ?? null} onChange={(v) => onChange(v ? { keys: [String(v)] } : null)}>
        <Space direction="vertical" block>
          {q.options.map((o, i) => (
            <Radio key={o.key} value={o.key} data-testid={`m-opt-${i}`}>
              {q.type === 'judge' ? o.text : `${LETTERS[i]}. ${o.text}`}
            </Radio>
          ))}
        </Space>
      </Radio.Group>
    );
  if (q.type === 'multiple')
    return (
      <Checkbox.Group value={keys} onChange={(v) => onChange(v.length ? { keys: v.map(String) } : null)}>
        {/* antd-mobile draws a checkbox round, like a radio: square boxes say "pick any number" (issue 24). */}
        <style>{SQUARE_BOXES}</style>
        <Space direction="vertical" block className="vg-multiple">
          {q.options.map((o, i) => (
            <Checkbox key={o.key} value={o.key} data-testid={`m-opt-${i}`}>
              {LETTERS[i]}. {o.text}
            </Checkbox>
          ))}
        </Space>
      </Checkbox.Group>
    );
  if (q.type === 'fill')
    return (
      <Space direction="vertical" block>
        {Array.from({ length: q.blanks }, (_, i) => (
          <Input
            // biome-ignore lint/suspicious/noArrayIndexKey: blanks are positional
            key={i}
            placeholder={t('learning.q.blank', { n: i + 1 })}
            value={texts[i] ?? ''}
            onChange={(v) => {
              const next = Array.from({ length: q.blanks }, (_, j) => (j === i ? v : (texts[j] ?? '')));
              onChange(next.some((x) => x.trim()) ? { texts: next } : null);
            }}
            style={{ borderBottom: '1px solid #ddd' }}
            data-testid={`m-blank-${i}`}
          />
        ))}
      </Space>
    );
  return (
    <TextArea
      rows={5}
      placeholder={t('learning.m.shortHint')}
      value={texts[0] ?? ''}
      onChange={(v) => onChange(v.trim() ? { texts: [v] } : null)}
      data-testid="m-short"
    />
  );
}
