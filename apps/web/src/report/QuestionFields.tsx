import type { ReportQuestion } from '@vanguard/shared/api/reports';
import { useTranslation } from 'react-i18next';
import { Field, fieldStyle } from './report-ui';

/** A channel's questions as labelled native fields (no autocomplete; the answers live in React state only). */
export function QuestionFields({
  questions,
  answers,
  errors,
  onChange,
}: {
  questions: ReportQuestion[];
  answers: Record<string, string>;
  errors: Record<string, string>;
  onChange: (key: string, value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {questions.map((q) => {
        const id = `q-${q.key}`;
        const err = errors[`answers.${q.key}`];
        const common = {
          id,
          name: id,
          autoComplete: 'off',
          value: answers[q.key] ?? '',
          'aria-invalid': err ? true : undefined,
          'aria-describedby': q.hint ? `${id}-hint` : undefined,
          style: { ...fieldStyle, ...(err ? { borderColor: '#b42318' } : {}) },
          'data-testid': `report-q-${q.key}`,
        } as const;
        return (
          <Field key={q.key} id={id} label={q.required ? q.label : `${q.label}${t('report.optional')}`} hint={q.hint} required={q.required}>
            {q.kind === 'textarea' ? (
              <textarea {...common} rows={6} maxLength={5000} onChange={(e) => onChange(q.key, e.target.value)} />
            ) : q.kind === 'select' ? (
              <select {...common} onChange={(e) => onChange(q.key, e.target.value)}>
                <option value="">请选择</option>
                {(q.options ?? []).map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : (
              <input {...common} type="text" maxLength={500} spellCheck={false} onChange={(e) => onChange(q.key, e.target.value)} />
            )}
            {err ? (
              <div role="alert" style={{ color: '#b42318', fontSize: 13, marginTop: 4 }}>
                {err}
              </div>
            ) : null}
          </Field>
        );
      })}
    </>
  );
}
