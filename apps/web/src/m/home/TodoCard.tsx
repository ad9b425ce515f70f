import { Button, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { TodoDto, TodoSeverity } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { isOverdue, severityOf } from '../../lib/todos';
import { phoneLinkOf } from '../secretary/todo-links';

const SEVERITY_COLOR: Record<TodoSeverity, 'primary' | 'warning' | 'danger'> = { info: 'primary', warning: 'warning', danger: 'danger' };

/**
 * One to-do as a card: severity, title, body, due date; 去处理 opens the page where the work is done
 * (the phone's page, or says it is done on the console), and 标记完成 is offered only for notices —
 * work closes itself when it is done there (issue 24).
 */
export function TodoCard({ todo, onDone, busy }: { todo: TodoDto; onDone?: () => void; busy: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const go = phoneLinkOf(todo.link);
  const isNotice = todo.kind === 'notice';
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
        {/* A to-do about something on the phone opens it with a tap (an invitation opens its meeting). */}
        {todo.link?.startsWith('/m/') ? (
          <Link to={todo.link} style={{ fontSize: 16, fontWeight: 600, wordBreak: 'break-word', color: 'inherit' }}>
            {todo.title}
          </Link>
        ) : (
          <span style={{ fontSize: 16, fontWeight: 600, wordBreak: 'break-word' }}>{todo.title}</span>
        )}
      </div>
      {todo.body && <div style={{ color: '#555', fontSize: 14, lineHeight: 1.6, wordBreak: 'break-word' }}>{todo.body}</div>}
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <span style={{ color: 'var(--adm-color-weak)', fontSize: 12 }}>{when}</span>
        {!todo.doneAt && go && (
          <Button size="small" color="primary" onClick={() => navigate(go)} data-testid={`todo-go-${todo.id}`}>
            {t('home.view')}
          </Button>
        )}
        {!todo.doneAt && !go && !isNotice && todo.link && (
          <span style={{ color: 'var(--adm-color-weak)', fontSize: 12 }} data-testid={`todo-desk-${todo.id}`}>
            {t('home.onDesk')}
          </span>
        )}
        {onDone && !todo.doneAt && isNotice && (
          <Button size="small" color="primary" fill="outline" loading={busy} onClick={onDone} data-testid={`todo-done-${todo.id}`}>
            {t('home.markDone')}
          </Button>
        )}
      </div>
    </div>
  );
}
