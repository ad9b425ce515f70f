import type { PetitionStatus } from '@vanguard/shared';
import type { Actor } from '../../platform/access/scope.js';
import { can } from '../../platform/access/scope.js';

type Row = {
  orgPath: string;
  status: string;
  submitterUserId: number;
  handlerUserId: number | null;
  anonymous: boolean;
  reopens: number;
};

/** The petitioner's own petition (the phone's 我的诉求). */
export const ownPetition = (actor: Actor) => (p: { submitterUserId: number }) => p.submitterUserId === actor.userId;

/** The org handling it now may act on it; the first org keeps reading it after escalation. */
export const handlesNow = (actor: Actor, p: { orgPath: string }) => can(actor, 'petitions:handle', p.orgPath);

/** 不公开姓名: the name is for the assigned handler (and the petitioner) only. */
export function nameFor(actor: Actor, p: Row, name: string): string {
  if (!p.anonymous || p.submitterUserId === actor.userId || p.handlerUserId === actor.userId) return name;
  return '不公开姓名';
}

type Action = 'accept' | 'reply' | 'meeting' | 'close' | 'rate';

/** What the actor may do with the petition now. */
export function actionsFor(actor: Actor, p: Row): Action[] {
  const out: Action[] = [];
  const s = p.status as PetitionStatus;
  if (handlesNow(actor, p)) {
    if (s === 'submitted') out.push('accept');
    if (s === 'in_progress' || s === 'reopened') out.push('reply', 'meeting');
    if (s === 'rated') out.push('close');
  }
  if (p.submitterUserId === actor.userId && s === 'replied') out.push('rate');
  return out;
}

/** 不满意 reopens at the level above once (the ruleset's reopenLimit); after that the rating stands. */
export const reopensOn = (rating: string, reopens: number, limit: number): boolean => rating === 'unsatisfied' && reopens < limit;

/** A petition's photos: the petitioner, and whoever handles it now or first received it. */
export const mayReadPhotos = (actor: Actor, p: { orgPath: string; originOrgPath: string; submitter: number }) =>
  p.submitter === actor.userId || can(actor, 'petitions:handle', p.orgPath) || can(actor, 'petitions:handle', p.originOrgPath);
