import type { CalendarPutSchema } from '@vanguard/shared/api/petitions';
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { z } from 'zod';
import { petitionCalendarDays } from '../../db/schema/index.js';
import { orgFor } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';

/** The days an org marks in a year (its own marks; the org's effective calendar also takes its ancestors'). */
export async function getCalendar(ctx: ActorCtx, orgId: number, year: number) {
  const org = await orgFor(ctx, orgId, 'petitions:handle');
  const days = await ctx.db
    .select({ day: petitionCalendarDays.day, kind: petitionCalendarDays.kind, note: petitionCalendarDays.note })
    .from(petitionCalendarDays)
    .where(
      and(
        eq(petitionCalendarDays.orgId, org.id),
        gte(petitionCalendarDays.day, `${year}-01-01`),
        lte(petitionCalendarDays.day, `${year}-12-31`),
      ),
    )
    .orderBy(asc(petitionCalendarDays.day));
  return { orgId: org.id, orgName: org.name, days: days as { day: string; kind: 'holiday' | 'workday'; note: string | null }[] };
}

/**
 * Marks a day of the mine's calendar (orgs:write over the mine: its 组织科 / 党群工作部): a holiday, a
 * shift day on a weekend, or back to the default. Deadlines already set keep their days.
 */
export async function putCalendarDay(ctx: ActorCtx, orgId: number, input: z.infer<typeof CalendarPutSchema>) {
  const org = await orgFor(ctx, orgId, 'orgs:write');
  await ctx.db.transaction(async (tx) => {
    const where = and(eq(petitionCalendarDays.orgId, org.id), eq(petitionCalendarDays.day, input.day));
    const [before] = await tx.select().from(petitionCalendarDays).where(where);
    if (input.kind === 'none') await tx.delete(petitionCalendarDays).where(where);
    else
      await tx
        .insert(petitionCalendarDays)
        .values({ orgId: org.id, orgPath: org.path, day: input.day, kind: input.kind, note: input.note || null })
        .onConflictDoUpdate({
          target: [petitionCalendarDays.orgId, petitionCalendarDays.day],
          set: { kind: input.kind, note: input.note || null, updatedAt: ctx.now() },
        });
    await audit(tx, ctx, {
      action: 'petition.calendar',
      entityType: 'org',
      entityId: org.id,
      orgId: org.id,
      before: before ?? null,
      after: input,
    });
  });
  return getCalendar(ctx, orgId, Number(input.day.slice(0, 4)));
}
