import type { Role } from '@vanguard/shared';
import type { InjectOptions } from 'fastify';
import { expect, it } from 'vitest';
import type { TestEnv } from './harness.js';

type OrgRef = { id: number; path: string };

export interface MatrixSpec<R> {
  /** Creates the target record inside `org` (a fresh one per case). */
  makeRecord(env: TestEnv, org: OrgRef): Promise<R>;
  /** The request under test, for a record. */
  request(record: R): InjectOptions;
  /** The role that carries the route's permission (granted on the own branch or the ancestor). */
  role: Role;
  /** A role that can see the branch but lacks the permission (default: member). */
  weakRole?: Role;
  /** Reads the record's state, to prove a refused request changed nothing. */
  snapshot(env: TestEnv, record: R): Promise<unknown>;
  /** Expected success status (default 200). */
  okStatus?: number;
}

/**
 * The authz matrix every mutating route gets (STYLE.md §Tests): anonymous 401; no permission 403;
 * another branch's record 404 with the row unchanged; own branch 2xx; an ancestor committee 2xx.
 */
export function authzMatrix<R>(getEnv: () => TestEnv, spec: MatrixSpec<R>): void {
  const tree = async (env: TestEnv) => {
    const committee = await env.buildOrg({ kind: 'committee', category: 'leading' });
    const own = await env.buildOrg({ parent: committee });
    const other = await env.buildOrg({ parent: committee });
    return { committee, own, other };
  };
  const ok = spec.okStatus ?? 200;

  it('anonymous → 401, nothing changed', async () => {
    const env = getEnv();
    const { own } = await tree(env);
    const record = await spec.makeRecord(env, own);
    const before = await spec.snapshot(env, record);
    const res = await env.anon.inject(spec.request(record));
    expect(res.statusCode).toBe(401);
    expect(await spec.snapshot(env, record)).toEqual(before);
  });

  it('no permission → 403, nothing changed', async () => {
    const env = getEnv();
    const { own } = await tree(env);
    const record = await spec.makeRecord(env, own);
    const user = await env.buildUser({ roles: [{ role: spec.weakRole ?? 'member', orgId: own.id }] });
    const before = await spec.snapshot(env, record);
    const res = await (await env.as(user)).inject(spec.request(record));
    expect(res.statusCode).toBe(403);
    expect(await spec.snapshot(env, record)).toEqual(before);
  });

  it("another branch's record → 404, nothing changed", async () => {
    const env = getEnv();
    const { own, other } = await tree(env);
    const record = await spec.makeRecord(env, own);
    const user = await env.buildUser({ roles: [{ role: spec.role, orgId: other.id }] });
    const before = await spec.snapshot(env, record);
    const res = await (await env.as(user)).inject(spec.request(record));
    expect(res.statusCode).toBe(404);
    expect(await spec.snapshot(env, record)).toEqual(before);
  });

  it(`own branch → ${ok}`, async () => {
    const env = getEnv();
    const { own } = await tree(env);
    const record = await spec.makeRecord(env, own);
    const user = await env.buildUser({ roles: [{ role: spec.role, orgId: own.id }] });
    const res = await (await env.as(user)).inject(spec.request(record));
    expect(res.statusCode, res.body).toBe(ok);
  });

  it(`ancestor committee → ${ok}`, async () => {
    const env = getEnv();
    const { committee, own } = await tree(env);
    const record = await spec.makeRecord(env, own);
    const user = await env.buildUser({ roles: [{ role: spec.role, orgId: committee.id }] });
    const res = await (await env.as(user)).inject(spec.request(record));
    expect(res.statusCode, res.body).toBe(ok);
  });
}
