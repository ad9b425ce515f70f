import { describe, expect, it } from 'vitest';
import { actorWith } from '../../../test/actors.js';
import { courseOpenTo, mayReadCourse } from './courses.policy.js';

const actor = (role: 'branch_secretary' | 'member') => actorWith(role);

describe('courses policy', () => {
  it('a course is open to the members of its subtree only', () => {
    expect(courseOpenTo({ orgPath: '/1/' }, '/1/5/')).toBe(true);
    expect(courseOpenTo({ orgPath: '/1/6/' }, '/1/5/')).toBe(false);
    expect(courseOpenTo({ orgPath: '/1/' }, undefined)).toBe(false);
  });
  it('its media: the audience, or who manages learning over it', () => {
    expect(mayReadCourse(actor('branch_secretary'), { orgPath: '/1/5/' }, undefined)).toBe(true);
    expect(mayReadCourse(actor('member'), { orgPath: '/1/5/' }, undefined)).toBe(false);
    expect(mayReadCourse(actor('member'), { orgPath: '/1/5/' }, '/1/5/')).toBe(true);
    expect(mayReadCourse(actor('branch_secretary'), { orgPath: '/1/6/' }, '/1/5/')).toBe(false);
  });
});
