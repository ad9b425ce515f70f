import { useInfiniteQuery } from '@tanstack/react-query';
import { todosApi } from '../../api/endpoints';
import type { TodoStatus } from '../../api/types';
import { TODOS_KEY } from '../../lib/todos';

const PAGE_SIZE = 20;

/** To-dos page by page for the phone's endless list (same cache family as the console's). */
export function useTodoPages(status: TodoStatus) {
  return useInfiniteQuery({
    queryKey: [...TODOS_KEY, 'infinite', status],
    initialPageParam: 1,
    queryFn: ({ pageParam }) => todosApi.list({ status, page: pageParam, pageSize: PAGE_SIZE }),
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.items.length, 0);
      return loaded < last.total && last.items.length > 0 ? pages.length + 1 : undefined;
    },
  });
}
