import { describe, expect, it } from 'vitest';
import { partyAge } from './member-rules.js';
import {
  approvalState,
  checkAge,
  checkContacts,
  checkExtension,
  checkSponsors,
  EXCLUDED_ABSENCE_REASONS,
  type ExcludedAbsenceReason,
  periodicState,
  probationEndsOn,
  RECRUITMENT_RULESETS,
  RECRUITMENT_STEPS,
  recruitmentRulesetOn,
  talkDueOn,
  tallyVote,
  targetOpensOn,
  trainingEnough,
  type VoteInput,
} from './recruitment-rules.js';

const rs = RECRUITMENT_RULESETS[0];
const full = (name: string) => ({ name, category: 'full', status: 'normal' });
const prob = (name: string) => ({ name, category: 'probationary', status: 'normal' });

describe('the ruleset', () => {
  it('has 25 steps in 5 stages of 2 / 4 / 5 / 7 / 7, numbered in order', () => {
    expect(RECRUITMENT_STEPS.map((s) => s.no)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const perStage = [1, 2, 3, 4, 5].map((st) => RECRUITMENT_STEPS.filter((s) => s.stage === st).length);
    expect(perStage).toEqual([2, 4, 5, 7, 7]);
  });
  it('is chosen by date and names its source', () => {
    expect(recruitmentRulesetOn('2026-01-01').version).toBe('2014.1');
    expect(recruitmentRulesetOn('2000-01-01').version).toBe('2014.1');
    expect(rs.source).toContain('发展党员工作细则');
  });
});

describe('age ≥ 18', () => {
  it.each([
    ['2008-06-15', '2026-06-14', false],
    ['2008-06-15', '2026-06-15', true],
    ['2008-02-29', '2026-02-28', false],
    ['2008-02-29', '2026-03-01', true],
  ])('born %s, on %s: old enough %s', (born, on, ok) => {
    expect(checkAge(born, on, rs, '入党') === null).toBe(ok);
  });
});

describe('talk within 1 month of the application', () => {
  it.each([
    ['2026-01-15', '2026-02-15'],
    ['2026-01-31', '2026-02-28'],
    ['2024-01-31', '2024-02-29'],
    ['2026-12-20', '2027-01-20'],
  ])('applied %s → talk by %s', (applied, due) => {
    expect(talkDueOn(applied, rs)).toBe(due);
  });
});

describe('≥ 1 year as activist before becoming a development target', () => {
  it.each([
    ['2025-03-01', '2026-03-01'],
    ['2024-02-29', '2025-02-28'],
    ['2025-12-31', '2026-12-31'],
  ])('activist from %s → target from %s (exactly 1 year is enough)', (from, opens) => {
    expect(targetOpensOn(from, rs)).toBe(opens);
  });
});

describe('cultivation contacts (1–2 full members) and sponsors (2 full members)', () => {
  it.each([
    [[], false],
    [[full('王强')], true],
    [[full('王强'), full('李娜')], true],
    [[full('王强'), full('李娜'), full('赵刚')], false],
    [[prob('孙磊')], false],
  ])('contacts %j ok %s', (people, ok) => {
    expect(checkContacts(people, rs).length === 0).toBe(ok);
  });
  it.each([
    [[full('王强')], false],
    [[full('王强'), full('李娜')], true],
    [[full('王强'), full('李娜'), full('赵刚')], false],
    [[full('王强'), { name: '钱进', category: 'full', status: 'suspended' }], false],
  ])('sponsors %j ok %s', (people, ok) => {
    expect(checkSponsors(people, rs).length === 0).toBe(ok);
  });
  it('a probationary sponsor is refused by name', () => {
    expect(checkSponsors([full('王强'), prob('孙磊')], rs)).toEqual([
      { path: 'people.1', message: '孙磊是预备党员，入党介绍人须为正式党员' },
    ]);
  });
});

describe('training ≥ 3 days or ≥ 24 hours', () => {
  it.each([
    [3, 0, true],
    [2, 23, false],
    [2, 24, true],
    [0, 24, true],
    [2.5, 20, false],
  ])('%d days, %d hours → %s', (days, hours, ok) => {
    expect(trainingEnough(days, hours, rs)).toBe(ok);
  });
});

describe('approval within 3 months of the branch resolution (warning at 2, overdue after 3, 6 at most)', () => {
  it.each([
    ['2026-01-10', 'ok'],
    ['2026-03-09', 'ok'],
    ['2026-03-10', 'warning'],
    ['2026-04-10', 'warning'],
    ['2026-04-11', 'overdue'],
    ['2026-07-10', 'overdue'],
    ['2026-07-11', 'expired'],
  ])('resolution 2026-01-10, on %s → %s', (on, state) => {
    expect(approvalState('2026-01-10', on, rs)).toBe(state);
  });
});

describe('probation 1 year from the branch meeting; one extension of 6–12 months', () => {
  it.each([
    ['2025-07-01', null, '2026-07-01'],
    ['2024-02-29', null, '2025-02-28'],
    ['2025-07-01', 6, '2027-01-01'],
    ['2025-07-01', 12, '2027-07-01'],
  ])('admitted %s, extended %s months → ends %s', (admitted, ext, ends) => {
    expect(probationEndsOn(admitted, ext, rs)).toBe(ends);
  });
  it.each([
    [5, 0, false],
    [6, 0, true],
    [12, 0, true],
    [13, 0, false],
    [6, 1, false],
  ])('extend %d months after %d extensions → allowed %s', (months, done, ok) => {
    expect(checkExtension(months, done, rs) === null).toBe(ok);
  });
  it('party age counts from full membership', () => {
    expect(partyAge('2026-07-01', '2027-06-30')).toBe(0);
    expect(partyAge('2026-07-01', '2027-07-01')).toBe(1);
  });
});

describe('branch review every 6 months, thought report every quarter: due 15 days ahead, late after', () => {
  it.each([
    ['2026-01-01', 6, '2026-06-15', 'ok'],
    ['2026-01-01', 6, '2026-06-16', 'due'],
    ['2026-01-01', 6, '2026-07-01', 'due'],
    ['2026-01-01', 6, '2026-07-02', 'late'],
    ['2026-01-01', 3, '2026-03-16', 'ok'],
    ['2026-01-01', 3, '2026-03-17', 'due'],
    ['2026-01-01', 3, '2026-04-02', 'late'],
  ])('since %s every %d months, on %s → %s', (since, every, today, state) => {
    expect(periodicState(since, every, today, rs).state).toBe(state);
  });
});

describe('branch general meeting vote (quorum > half of entitled; for > half of entitled)', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  const absent = (...m: number[]) => m.map((memberId) => ({ memberId }));
  const vote = (o: Partial<VoteInput>): VoteInput => ({
    fullMemberIds: ids(10),
    absentees: [],
    forCount: 0,
    againstCount: 0,
    abstainCount: 0,
    result: 'pass',
    ...o,
  });

  it.each([
    // 10 entitled: 5 present is exactly half → no quorum; 6 present → quorum.
    ['5 of 10 present (exactly half)', vote({ absentees: absent(6, 7, 8, 9, 10), forCount: 5 }), false, false],
    ['6 of 10 present', vote({ absentees: absent(7, 8, 9, 10), forCount: 6 }), true, true],
    // Majority counts against the entitled, not those present: 5 for of 10 entitled is exactly half.
    ['6 present, 5 for', vote({ absentees: absent(7, 8, 9, 10), forCount: 5, againstCount: 1 }), true, false],
    // An absentee's written opinion in favour counts for the majority (not for the quorum).
    [
      '6 present, 5 for + 1 written',
      vote({ absentees: [...absent(7, 8, 9), { memberId: 10, writtenOpinion: 'for' }], forCount: 5, againstCount: 1 }),
      true,
      true,
    ],
    // 9 entitled: 5 is more than half.
    ['9 members, 5 present, 5 for', vote({ fullMemberIds: ids(9), absentees: absent(6, 7, 8, 9), forCount: 5 }), true, true],
  ])('%s → quorum %s, passed %s', (_label, v, quorum, passed) => {
    const { tally } = tallyVote(v);
    expect(tally.quorum).toBe(quorum);
    expect(tally.passed).toBe(passed);
  });

  it.each(Object.keys(EXCLUDED_ABSENCE_REASONS) as ExcludedAbsenceReason[])(
    'an approved absentee for reason %s leaves the entitled count (10 → 9, so 5 present is a quorum)',
    (reason) => {
      const v = vote({
        absentees: [...absent(6, 7, 8, 9), { memberId: 10, excludedReason: reason, approvedBy: '矿党委' }],
        forCount: 5,
      });
      const { tally, problems } = tallyVote(v);
      expect(problems).toEqual([]);
      expect(tally).toMatchObject({ entitled: 9, present: 5, quorum: true, majority: true, passed: true });
    },
  );

  it('an exclusion without approval, or for another reason, is refused', () => {
    const noApproval = tallyVote(vote({ absentees: [{ memberId: 10, excludedReason: 'abroad' }], forCount: 9 }));
    expect(noApproval.problems).toEqual([{ path: 'absentees.0.approvedBy', message: '不计入应到会人数须经批准，请填写批准人或批准机关' }]);
    const other = tallyVote(
      vote({ absentees: [{ memberId: 10, excludedReason: 'busy' as ExcludedAbsenceReason, approvedBy: '书记' }], forCount: 9 }),
    );
    expect(other.problems[0].path).toBe('absentees.0.excludedReason');
    expect(other.tally.entitled).toBe(10);
  });

  it('ballots must add up to those present', () => {
    const { problems } = tallyVote(vote({ absentees: absent(10), forCount: 7, againstCount: 1, abstainCount: 0 }));
    expect(problems).toEqual([{ path: 'forCount', message: '赞成 7、反对 1、弃权 0 合计 8 票，与实到会有表决权人数 9 不符' }]);
  });

  it('an absentee who is not a full member of the branch, or listed twice, is refused', () => {
    expect(tallyVote(vote({ absentees: absent(11), forCount: 10 })).problems[0].path).toBe('absentees.0.memberId');
    expect(tallyVote(vote({ absentees: absent(3, 3), forCount: 9 })).problems.map((p) => p.message)).toContain('缺席人员重复');
  });

  it('a pass the arithmetic does not support is refused; so is a fail that passed, and any vote without quorum', () => {
    const noQuorum = tallyVote(vote({ absentees: absent(6, 7, 8, 9, 10), forCount: 5 }));
    expect(noQuorum.problems[0].message).toBe('实到会有表决权的正式党员 5 人，未超过应到会人数 10 人的半数，不能进行表决');
    const noMajority = tallyVote(vote({ forCount: 5, againstCount: 5 }));
    expect(noMajority.problems[0].message).toContain('未超过应到会有表决权正式党员 10 人的半数');
    expect(tallyVote(vote({ forCount: 5, againstCount: 5, result: 'fail' })).problems).toEqual([]);
    expect(tallyVote(vote({ forCount: 10, result: 'fail' })).problems[0].path).toBe('result');
    expect(tallyVote(vote({ absentees: absent(6, 7, 8, 9, 10), forCount: 1, againstCount: 4, result: 'fail' })).problems[0].path).toBe(
      'absentees',
    );
  });
});
