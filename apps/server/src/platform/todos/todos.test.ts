import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, json, type TestEnv } from '../../../test/harness.js';
import { addTodos } from './todos.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

describe('to-dos', () => {
  it('writers are idempotent by source key; the user sees only their own, and marks them done', async () => {
    const me = await env.buildUser();
    const other = await env.buildUser();
    const item = { userId: me.id, title: '召开本月支委会', sourceKey: 'life:2026-03:committee' };
    expect(await addTodos(env.db, [item, { userId: other.id, title: '别人的待办' }])).toBe(2);
    expect(await addTodos(env.db, [item])).toBe(0);

    const api = await env.as(me);
    const open = json<{ items: { id: number; title: string }[]; total: number }>(await api.get('/api/v1/todos'));
    expect(open.items.map((t) => t.title)).toEqual(['召开本月支委会']);
    expect((await (await env.as(other)).post(`/api/v1/todos/${open.items[0].id}/done`)).statusCode).toBe(404);
    expect((await api.post(`/api/v1/todos/${open.items[0].id}/done`)).statusCode).toBe(204);
    expect(json<{ total: number }>(await api.get('/api/v1/todos')).total).toBe(0);
    expect(json<{ total: number }>(await api.get('/api/v1/todos?status=done')).total).toBe(1);
  });
});
