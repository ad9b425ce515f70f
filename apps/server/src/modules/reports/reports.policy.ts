import { type Actor, hasPermission } from '../../platform/access/scope.js';

/**
 * Who may see a report (issue 18 item 5): only a handler it is assigned to. Holding a role over the
 * org is not enough — system, security and audit administrators, org admins and secretaries see none
 * (404, the same answer as for a report that does not exist).
 */
export const isHandler = (actor: Actor): boolean => hasPermission(actor, 'integrity:handle');

/** The report as the actor's own case, or null (→ 404). */
export function assignedSide(actor: Actor, row: { handlerIds: number[] }): 'handler' | null {
  return isHandler(actor) && row.handlerIds.includes(actor.userId) ? 'handler' : null;
}

/** The name part of a display name (`集团纪委 张三` → `张三`): what a reporter would write as the accused. */
export const personalName = (displayName: string): string => displayName.trim().split(/\s+/).pop() ?? '';

/**
 * A report naming a handler as the accused (被举报人) is never routed to that handler (item 6). A name of
 * two characters or more found in the field counts; a false positive only means one handler fewer.
 */
export function namedAsAccused(accused: string | undefined, handlerDisplayName: string): boolean {
  if (!accused) return false;
  const name = personalName(handlerDisplayName);
  if (name.length < 2) return false;
  return accused.replace(/\s+/g, '').includes(name);
}
