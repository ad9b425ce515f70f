import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { preparedOn } from '../src/db/client.js';
import { createTestEnv, type TestEnv } from './harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

const planMode = preparedOn((db) =>
  db.select({ mode: sql<string>`current_setting('plan_cache_mode')` }).from(sql`(VALUES (1)) v(x)`).prepare('t_plan_mode'),
);

describe('prepared statements (preparedOn)', () => {
  it('run on connections that keep one generic plan; an ad-hoc query is planned for its values', async () => {
    // Several rounds: whichever of the prepared connections answers, the setting is the same.
    for (let i = 0; i < 4; i++) {
      expect((await planMode(env.db).execute())[0].mode).toBe('force_generic_plan');
      expect((await env.db.$client.query<{ mode: string }>("SELECT current_setting('plan_cache_mode') AS mode")).rows[0].mode).toBe('auto');
    }
  });
});
