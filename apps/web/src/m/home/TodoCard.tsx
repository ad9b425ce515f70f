import { Button, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { TodoDto, TodoSeverity } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { isOverdue, severityOf } from '../../lib/todos';

const SEVERITY_COLOR: Record<TodoSeverity, 'primary' | 'warning' | 'danger'> = { info: 'primary', warning: 'warning', danger: 'danger' };

/** One to-do as a card: severity, title, body, due date, and “mark done” while open. */
export function TodoCard({ todo, onDone, busy }: { todo: TodoDto; onDone?: () => void; busy: boolean }) {
  const { t } = useTranslation();
  const when = todo.doneAt
    ? t('home.doneAt', { time: formatDateTime(todo.doneAt) })
    : todo.dueAt
      ? t('home.due', { time: formatDateTime(todo.dueAt) })
      : formatDateTime(todo.createdAt);
  return (
    <div
      style={{ background: '#fff', borderRadius: 10, padding: 12, display: 'flex', flexDirection: 'column', gap: 6 }}
      data-testid={`todo-${todo.id}`}
    >
      <div style={{ display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
        <Tag color={SEVERITY_COLOR[severityOf(todo)]} fill="outline">
          {t(`severity.${severityOf(todo)}`)}
        </Tag>
        {todo.kind === 'notice' && <Tag fill="outline">{t('home.kindNotice')}</Tag>}
        {isOverdue(todo) && <Tag color="danger">{t('home.overdue')}</Tag>}
        <span style={{ fontSize: 16, fontWeight: 600, wordBreak: 'break-word' }}>{todo.title}</span>
      </div>
      {todo.body && <div style={{ color: '#555', fontSize: 14, lineHeight: 1.6, wordBreak: 'break-word' }}>{todo.body}</div>}
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <span style={{ color: 'var(--adm-color-weak)', fontSize: 12 }}>{when}</span>
        {onDone && !todo.doneAt && (
          <Button size="small" color="primary" fill="outline" loading={busy} onClick={onDone} data-testid={`todo-done-${todo.id}`}>
            {t('home.markDone')}
          </Button>
        )}
      </div>
    </div>
  );
}
