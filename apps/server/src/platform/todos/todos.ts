import { pageOf, type TodoCode, type TodoTextParams, todoText } from '@vanguard/shared';
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

interface TodoBase {
  userId: number;
  orgId?: number | null;
  kind?: 'todo' | 'notice';
  severity?: 'info' | 'warning' | 'danger';
  link?: string | null;
  dueAt?: Date | null;
  /** Makes writers idempotent: the same key for the same user is written once. */
  sourceKey?: string | null;
  /**
   * A source-key prefix: writing this to-do marks the user's other open to-dos under the prefix done
   * (superseded), so a person has one to-do per matter — the latest (e.g. one arrears to-do per member).
   */
  supersedes?: string;
}
/** A to-do with its text written out, or (new writers) a code and parameters from TODO_TEXTS. */
export type TodoInput = TodoBase &
  ({ title: string; body?: string | null; code?: undefined } | { code: TodoCode; params: TodoTextParams; title?: undefined });

/** Modules write to-dos through this one function; the home pages read them. */
export async function addTodos(db: DbOrTx, items: TodoInput[], now = new Date()): Promise<number> {
  if (items.length === 0) return 0;
  const rows = items.map(({ supersedes: _, ...t }) =>
    t.code ? { ...t, ...todoText(t.code, t.params), code: t.code, params: t.params } : { ...t, code: null, params: null },
  );
  const res = await db.insert(todos).values(rows).onConflictDoNothing();
  const sup = items.filter((t) => t.supersedes && t.sourceKey);
  if (sup.length) {
    // One statement for the batch: each (user, prefix, key) closes the user's other open to-dos under the prefix.
    const esc = (p: string) => p.replace(/[\\%_]/g, '\\$&');
    await db.execute(sql`
      UPDATE todos t SET done_at = ${now}, updated_at = ${now}
      FROM unnest(${sql.param(sup.map((t) => t.userId))}::int[], ${sql.param(sup.map((t) => `${esc(t.supersedes ?? '')}%`))}::text[],
                  ${sql.param(sup.map((t) => t.sourceKey ?? ''))}::text[]) AS x(user_id, prefix, key)
      WHERE t.user_id = x.user_id AND t.done_at IS NULL AND t.source_key LIKE x.prefix AND t.source_key <> x.key`);
  }
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
