import { describe, expect, it } from 'vitest';
import { actorWith } from '../../../test/actors.js';
import { assignedSide, namedAsAccused, personalName } from './reports.policy.js';

describe('reports policy', () => {
  it('only an assigned handler sees a report', () => {
    const handler = actorWith('discipline_handler', '/1/', 7);
    expect(assignedSide(handler, { handlerIds: [7] })).toBe('handler');
    expect(assignedSide(handler, { handlerIds: [8] })).toBeNull();
    // Being in the list is not enough without the handler's permission (an admin added by a slip).
    for (const role of ['sys_admin', 'security_admin', 'auditor', 'org_admin', 'branch_secretary'] as const) {
      expect(assignedSide(actorWith(role, '/1/', 7), { handlerIds: [7] })).toBeNull();
    }
  });

  it('the accused rule matches the personal name in the 被举报人 field', () => {
    expect(personalName('集团纪委 张建国')).toBe('张建国');
    expect(namedAsAccused('东山矿 张 建国（队长）', '集团纪委 张建国')).toBe(true);
    expect(namedAsAccused('李四', '集团纪委 张建国')).toBe(false);
    expect(namedAsAccused(undefined, '张建国')).toBe(false);
    expect(namedAsAccused('王', '王')).toBe(false);
  });
});
