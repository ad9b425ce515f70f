import { chinaDay, MOBILE_FORMS, type MobileForm, maskAs, mobileFormFor, relationRulesetOn } from '@vanguard/shared';
import type { MobileCreateInput, MobileDto, MobileListQuery } from '@vanguard/shared/api/relations';
import { and, count, desc, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { members, orgs, relationMobiles } from '../../db/schema/index.js';
import { assertCan, covers, inScope, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { lockStructure } from '../../platform/locks.js';

type Row = { m: typeof relationMobiles.$inferSelect; orgName: string };

function toDto(ctx: ActorCtx, r: Row): MobileDto {
  const contact = r.m.contactEnc ? ctx.ciphers.members.decrypt(r.m.contactEnc) : null;
  const reveal = covers(scopeOf(ctx.actor, 'members:read-sensitive'), r.m.orgPath);
  return {
    id: r.m.id,
    direction: r.m.direction,
    memberId: r.m.memberId,
    personName: r.m.personName,
    orgId: r.m.orgId,
    orgName: r.orgName,
    place: r.m.place,
    homeOrgName: r.m.homeOrgName,
    reason: r.m.reason,
    startOn: r.m.startOn,
    expectedReturnOn: r.m.expectedReturnOn,
    fixedPlace: r.m.fixedPlace,
    form: r.m.form,
    formName: MOBILE_FORMS[r.m.form as MobileForm] ?? r.m.form,
    contact: reveal ? contact : maskAs('phone', contact),
    returnedOn: r.m.returnedOn,
  };
}

const select = (db: ActorCtx['db']) =>
  db.select({ m: relationMobiles, orgName: orgs.name }).from(relationMobiles).innerJoin(orgs, eq(orgs.id, relationMobiles.orgId));

async function getMobile(ctx: ActorCtx, id: number) {
  const [r] = await select(ctx.db).where(eq(relationMobiles.id, id));
  return toDto(ctx, r);
}

export async function listMobiles(ctx: ActorCtx, q: MobileListQuery) {
  const where = and(
    inScope(relationMobiles.orgPath, scopeOf(ctx.actor, 'members:read')),
    eq(relationMobiles.direction, q.direction),
    q.active ? isNull(relationMobiles.returnedOn) : isNotNull(relationMobiles.returnedOn),
  ) as SQL;
  const [rows, [{ total }]] = await Promise.all([
    select(ctx.db)
      .where(where)
      .orderBy(desc(relationMobiles.startOn), desc(relationMobiles.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(relationMobiles).where(where),
  ]);
  return { items: rows.map((r) => toDto(ctx, r)), total };
}

/**
 * Registers a member going out (流出) or a member of elsewhere staying here (流入). The form is
 * decided by the ruleset from the planned stay (mobileFormFor); a stay calling for a formal transfer
 * is still registered, and the page offers the letter.
 */
export async function registerMobile(ctx: ActorCtx, input: MobileCreateInput): Promise<MobileDto> {
  if (input.expectedReturnOn <= input.startOn) throw invalid('expectedReturnOn', '预计返回日期应晚于外出日期');
  const rs = relationRulesetOn(input.startOn);
  const form = mobileFormFor(input.startOn, input.expectedReturnOn, input.fixedPlace, rs);
  const id = await ctx.db.transaction(async (tx) => {
    await lockStructure(tx, 'shared');
    let org: { id: number; path: string };
    let personName: string;
    let memberId: number | null = null;
    if (input.direction === 'out') {
      const [m] = await tx.select().from(members).where(eq(members.id, input.memberId)).for('update');
      if (!m) throw notFound('该党员');
      assertCan(ctx.actor, 'members:write', m.orgPath, '该党员');
      const [away] = await tx
        .select({ id: relationMobiles.id, place: relationMobiles.place })
        .from(relationMobiles)
        .where(and(eq(relationMobiles.memberId, m.id), eq(relationMobiles.direction, 'out'), isNull(relationMobiles.returnedOn)));
      if (away) throw conflict(`${m.name}已登记外出（${away.place}），尚未返回；请先登记返回`);
      org = { id: m.orgId, path: m.orgPath };
      personName = m.name;
      memberId = m.id;
    } else {
      const [o] = await tx.select().from(orgs).where(eq(orgs.id, input.orgId));
      if (!o || o.dissolvedAt) throw invalid('orgId', '联系的党支部不存在');
      assertCan(ctx.actor, 'members:write', o.path, '该组织');
      org = o;
      personName = input.personName;
    }
    const [row] = await tx
      .insert(relationMobiles)
      .values({
        direction: input.direction,
        memberId,
        personName,
        orgId: org.id,
        orgPath: org.path,
        place: input.place,
        homeOrgName: input.direction === 'in' ? input.homeOrgName : null,
        reason: input.reason,
        startOn: input.startOn,
        expectedReturnOn: input.expectedReturnOn,
        fixedPlace: input.fixedPlace,
        form,
        contactEnc: input.contact ? ctx.ciphers.members.encrypt(input.contact) : null,
        createdBy: ctx.actor.userId,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'relation.mobile_register',
      entityType: 'relation_mobile',
      entityId: row.id,
      orgId: org.id,
      after: row,
    });
    return row.id;
  });
  return getMobile(ctx, id);
}

/** Records the return of a member who went out (or the departure of one who stayed here). */
export async function returnMobile(ctx: ActorCtx, id: number, returnedOn: string): Promise<MobileDto> {
  await ctx.db.transaction(async (tx) => {
    const [m] = await tx.select().from(relationMobiles).where(eq(relationMobiles.id, id)).for('update');
    if (!m) throw notFound('该流动党员登记');
    assertCan(ctx.actor, 'members:write', m.orgPath, '该流动党员登记');
    if (m.returnedOn) throw conflict(`已于 ${m.returnedOn} 登记返回`);
    if (returnedOn < m.startOn) throw invalid('returnedOn', `返回日期不能早于外出日期 ${m.startOn}`);
    if (returnedOn > chinaDay(ctx.now())) throw invalid('returnedOn', '返回日期不能晚于今天');
    await tx.update(relationMobiles).set({ returnedOn, updatedAt: ctx.now() }).where(eq(relationMobiles.id, id));
    // The reminder for this stay is done.
    await tx.execute(sql`UPDATE todos SET done_at = ${ctx.now()} WHERE source_key = ${`mobile:${id}:return`} AND done_at IS NULL`);
    await audit(tx, ctx, {
      action: 'relation.mobile_return',
      entityType: 'relation_mobile',
      entityId: id,
      orgId: m.orgId,
      before: { returnedOn: null },
      after: { returnedOn },
    });
  });
  return getMobile(ctx, id);
}
