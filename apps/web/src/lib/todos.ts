import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { todosApi } from '../api/endpoints';
import type { TodoDto, TodoSeverity, TodoStatus } from '../api/types';

export const TODOS_KEY = ['todos'] as const;

const SEVERITIES: readonly string[] = ['info', 'warning', 'danger'] satisfies TodoSeverity[];
/** The severity as the UI knows it (the column is text; anything unknown shows as info). */
export const severityOf = (t: TodoDto): TodoSeverity => (SEVERITIES.includes(t.severity) ? (t.severity as TodoSeverity) : 'info');

/** Open and past its due time. */
export const isOverdue = (t: TodoDto, now = Date.now()): boolean => !t.doneAt && t.dueAt !== null && new Date(t.dueAt).getTime() < now;

/** One page of the user's to-dos (open or done). */
export function useTodos(status: TodoStatus, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...TODOS_KEY, status, page, pageSize],
    queryFn: () => todosApi.list({ status, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** Marks a to-do done and refreshes every to-do list. */
export function useMarkDone() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => todosApi.done(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: TODOS_KEY }),
  });
}
