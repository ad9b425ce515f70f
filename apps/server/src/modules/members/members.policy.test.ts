import { describe, expect, it } from 'vitest';
import { actorWith } from '../../../test/actors.js';
import { importTarget } from './members.policy.js';

const actor = (role: 'branch_secretary' | 'member') => actorWith(role);

describe('importTarget', () => {
  it('the one writable org of the name, or why not', () => {
    expect(importTarget(actor('branch_secretary'), '一支部', [{ id: 5, path: '/1/5/' }])).toEqual({ id: 5, path: '/1/5/' });
    expect(
      importTarget(actor('branch_secretary'), '甲', [
        { id: 8, path: '/1/5/8/' },
        { id: 9, path: '/1/5/9/' },
      ]),
    ).toContain('有 2 个');
    expect(importTarget(actor('member'), '一支部', [{ id: 5, path: '/1/5/' }])).toContain('无权');
    expect(importTarget(actor('branch_secretary'), '二支部', [{ id: 6, path: '/1/6/' }])).toContain('未找到');
  });
});
