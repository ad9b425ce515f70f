import { type Actor, can } from '../../platform/access/scope.js';

// Record-level rules of relations beyond org scope: pure functions, no database.

/**
 * Who sees a transfer: the sender side (members:read on the sending org, where the member was)
 * and the receiving side (members:write on the receiving org, once it is more than a request) —
 * the receiver sees the transfer itself (name, sex, category, orgs, reason), never the member's
 * archive until the member has been accepted into its org.
 */
export function transferSides(actor: Actor, r: { orgPath: string; toOrgPath: string | null; status: string }) {
  const sender = can(actor, 'members:read', r.orgPath);
  const senderWrite = can(actor, 'members:write', r.orgPath);
  const receiver = r.toOrgPath !== null && r.status !== 'requested' && can(actor, 'members:write', r.toOrgPath);
  return { sender, senderWrite, receiver };
}
