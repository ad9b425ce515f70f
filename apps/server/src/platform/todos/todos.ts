import { pageOf } from '@vanguard/shared';
import { TodoListQuery, TodoParams, TodoSchema } from '@vanguard/shared/api/platform';
import { NoContent } from '@vanguard/shared/api/wire';
import { and, count, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DbOrTx } from '../../db/client.js';
import { todos } from '../../db/schema/index.js';
import { audit } from '../audit/audit.js';
import type { ActorCtx } from '../context.js';
import { notFound } from '../errors.js';
import { actorCtx } from '../http/access.js';

export interface TodoInput {
  userId: number;
  orgId?: number | null;
  kind?: 'todo' | 'notice';
  severity?: 'info' | 'warning' | 'danger';
  title: string;
  body?: string | null;
  link?: string | null;
  dueAt?: Date | null;
  /** Makes writers idempotent: the same key for the same user is written once. */
  sourceKey?: string | null;
}

/** Modules write to-dos through this one function; the home pages read them. */
export async function addTodos(db: DbOrTx, items: TodoInput[]): Promise<number> {
  if (items.length === 0) return 0;
  const res = await db.insert(todos).values(items).onConflictDoNothing();
  return res.rowCount ?? 0;
}

export async function todoRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/todos', {
    config: { access: {} },
    schema: {
      tags: ['todos'],
      summary: '我的待办与通知',
      querystring: TodoListQuery,
      response: { 200: pageOf(TodoSchema) },
    },
    handler: async (req) => {
      const ctx = actorCtx(req);
      const { page, pageSize, status } = req.query;
      const where = and(eq(todos.userId, ctx.actor.userId), status === 'open' ? isNull(todos.doneAt) : isNotNull(todos.doneAt));
      const [items, [{ total }]] = await Promise.all([
        ctx.db
          .select()
          .from(todos)
          .where(where)
          .orderBy(sql`${todos.dueAt} ASC NULLS LAST`, desc(todos.id))
          .limit(pageSize)
          .offset((page - 1) * pageSize),
        ctx.db.select({ total: count() }).from(todos).where(where),
      ]);
      return { items, total };
    },
  });

  r.post('/api/v1/todos/:id/done', {
    config: { access: {} },
    schema: { tags: ['todos'], summary: '标记待办已办', params: TodoParams, response: NoContent },
    handler: async (req, reply) => {
      await completeTodo(actorCtx(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
}

async function completeTodo(ctx: ActorCtx, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    const [row] = await tx
      .update(todos)
      .set({ doneAt: now, updatedAt: now })
      .where(and(eq(todos.id, id), eq(todos.userId, ctx.actor.userId)))
      .returning({ id: todos.id, orgId: todos.orgId });
    if (!row) throw notFound('该待办');
    await audit(tx, ctx, { action: 'todo.done', entityType: 'todo', entityId: id, orgId: row.orgId });
  });
}
