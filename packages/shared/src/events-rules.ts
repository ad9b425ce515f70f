/** 文体活动等 (events, issue 21 item 3): kinds, audiences and the registration rule, pure. */

export const EVENT_KINDS = {
  culture: '文体活动',
  tech_exchange: '技术交流会',
  workshop: '创新工作坊',
  volunteer: '党员志愿服务',
  into_teams: '党员进班组',
  into_branches: '职工进支部',
} as const;
export type EventKind = keyof typeof EVENT_KINDS;

export const EVENT_AUDIENCES = { members: '党员', workers: '职工群众', both: '党员和职工' } as const;
export type EventAudience = keyof typeof EVENT_AUDIENCES;

export const REGISTRATION_STATUSES = { registered: '已报名', waitlisted: '候补', cancelled: '已取消' } as const;
export type RegistrationStatus = keyof typeof REGISTRATION_STATUSES;

/** Whether a person with these records is in the audience. */
export function inAudience(audience: EventAudience, who: { member: boolean; worker: boolean }): boolean {
  if (audience === 'members') return who.member;
  if (audience === 'workers') return who.worker;
  return who.member || who.worker;
}

/** Registration is open from opensAt (inclusive) to closesAt (exclusive). */
export function registrationOpen(e: { regOpensAt: Date; regClosesAt: Date }, now: Date): 'before' | 'open' | 'after' {
  if (now < e.regOpensAt) return 'before';
  if (now >= e.regClosesAt) return 'after';
  return 'open';
}

/** A new registration is a place while places are left, else a waitlist entry (never an error). */
export const seatFor = (registered: number, capacity: number): 'registered' | 'waitlisted' =>
  registered < capacity ? 'registered' : 'waitlisted';
