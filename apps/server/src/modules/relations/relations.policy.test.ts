import { describe, expect, it } from 'vitest';
import { actorWith } from '../../../test/actors.js';
import { transferSides } from './relations.policy.js';

const secretaryOf = (orgPath: string) => actorWith('branch_secretary', orgPath);

describe('transferSides', () => {
  const t = { orgPath: '/1/5/', toOrgPath: '/1/6/', status: 'pending' };
  it('the sending branch is the sender, the receiving branch the receiver, others neither', () => {
    expect(transferSides(secretaryOf('/1/5/'), t)).toEqual({ sender: true, senderWrite: true, receiver: false });
    expect(transferSides(secretaryOf('/1/6/'), t)).toEqual({ sender: false, senderWrite: false, receiver: true });
    expect(transferSides(secretaryOf('/1/7/'), t)).toEqual({ sender: false, senderWrite: false, receiver: false });
  });
  it('a mere request is not yet the receiver’s', () => {
    expect(transferSides(secretaryOf('/1/6/'), { ...t, status: 'requested' }).receiver).toBe(false);
  });
});
