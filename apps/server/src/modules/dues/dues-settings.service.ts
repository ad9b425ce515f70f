import { chinaDay, DUES_ROUNDINGS, type DuesRounding, duesRulesetOn } from '@vanguard/shared';
import { scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { forbidden } from '../../platform/errors.js';
import { getSetting, setSetting } from '../../platform/settings.js';

export interface DuesSettings {
  rounding: DuesRounding;
  remitEveryMonths: number;
  /** What the ruleset says when nothing is set. */
  defaults: { rounding: DuesRounding; remitEveryMonths: number };
  roundings: Record<DuesRounding, string>;
  /** Only the group committee (dues:collect on a top-level org) sets these for everyone. */
  canEdit: boolean;
}

const groupLevel = (ctx: ActorCtx) => scopeOf(ctx.actor, 'dues:collect').paths.some((p) => p.split('/').filter(Boolean).length === 1);

/** The group-wide dues options: rounding of new standards and the upward remittance cycle. */
export async function duesSettings(ctx: ActorCtx): Promise<DuesSettings> {
  const rs = duesRulesetOn(chinaDay(ctx.now()));
  return {
    rounding: (await getSetting(ctx.db, 'dues.rounding')) ?? rs.rounding,
    remitEveryMonths: (await getSetting(ctx.db, 'dues.remitEveryMonths')) ?? rs.remitEveryMonths,
    defaults: { rounding: rs.rounding, remitEveryMonths: rs.remitEveryMonths },
    roundings: DUES_ROUNDINGS,
    canEdit: groupLevel(ctx),
  };
}

/**
 * Sets the options (group committee only). The rounding applies to bases declared from now on:
 * a standard already fixed for the year is not recomputed (RULES.md §Dues).
 */
export async function setDuesSettings(ctx: ActorCtx, input: { rounding: DuesRounding; remitEveryMonths: number }) {
  if (!groupLevel(ctx)) throw forbidden('党费取整方式和上缴周期由集团党委统一设置');
  const before = await duesSettings(ctx);
  await ctx.db.transaction(async (tx) => {
    await setSetting(tx, 'dues.rounding', input.rounding);
    await setSetting(tx, 'dues.remitEveryMonths', input.remitEveryMonths);
    await audit(tx, ctx, {
      action: 'dues.settings.update',
      entityType: 'setting',
      entityId: 0,
      before: { rounding: before.rounding, remitEveryMonths: before.remitEveryMonths },
      after: input,
    });
  });
  return duesSettings(ctx);
}
