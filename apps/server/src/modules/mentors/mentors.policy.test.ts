import { describe, expect, it } from 'vitest';
import { mentorSide } from './mentors.policy.js';

describe('mentorSide', () => {
  const memberPair = { mentorMemberId: 1, menteeMemberId: 2, menteeWorkerId: null };
  const workerPair = { mentorMemberId: 1, menteeMemberId: null, menteeWorkerId: 3 };
  it('the mentor, the member mentee, the worker mentee; anyone else null', () => {
    expect(mentorSide(memberPair, { memberIds: [1], workerIds: [] })).toBe('mentor');
    expect(mentorSide(memberPair, { memberIds: [2], workerIds: [] })).toBe('mentee');
    expect(mentorSide(workerPair, { memberIds: [], workerIds: [3] })).toBe('mentee');
    expect(mentorSide(workerPair, { memberIds: [3], workerIds: [] })).toBeNull();
    expect(mentorSide(memberPair, { memberIds: [], workerIds: [2] })).toBeNull();
  });
});
