import { chinaDay, daysBetween, LEADERSHIP_POSTS, type LeadershipPost, maskAs, orgRulesetOn } from '@vanguard/shared';
import type { TermCreateInput, TermDto, TermPostAddInput, TermPostUpdateInput } from '@vanguard/shared/api/orgs';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { leadershipMembers, leadershipTerms, members } from '../../db/schema/index.js';
import { assertCan, covers, scopeOf } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, type FieldError, invalid, notFound } from '../../platform/errors.js';
import { lockStructure } from '../../platform/locks.js';
import { findOrg, type OrgRow } from './orgs.repository.js';
import { addOrgEvent } from './structure.repository.js';
import { writableOrg } from './structure.service.js';
import { termEndsOn, termStatus } from './terms.rules.js';

type TermRow = typeof leadershipTerms.$inferSelect;
const POST_ORDER = Object.keys(LEADERSHIP_POSTS);

async function postsOf(db: DbOrTx, termIds: number[]) {
  if (termIds.length === 0) return [];
  return db
    .select({
      id: leadershipMembers.id,
      termId: leadershipMembers.termId,
      memberId: leadershipMembers.memberId,
      memberName: members.name,
      post: leadershipMembers.post,
      startedOn: leadershipMembers.startedOn,
      endedOn: leadershipMembers.endedOn,
    })
    .from(leadershipMembers)
    .innerJoin(members, eq(members.id, leadershipMembers.memberId))
    .where(inArray(leadershipMembers.termId, termIds))
    .orderBy(asc(leadershipMembers.startedOn), asc(leadershipMembers.id));
}

async function termsDto(ctx: ActorCtx, org: OrgRow, terms: TermRow[]): Promise<TermDto[]> {
  const today = chinaDay(ctx.now());
  const rs = orgRulesetOn(today);
  // Who holds a post is membership data: shown to those who may read the org's members.
  const names = covers(scopeOf(ctx.actor, 'members:read'), org.path);
  const posts = await postsOf(
    ctx.db,
    terms.map((t) => t.id),
  );
  return terms.map((t) => ({
    id: t.id,
    orgId: t.orgId,
    startedOn: t.startedOn,
    endsOn: t.endsOn,
    years: t.years,
    electedHow: t.electedHow,
    docNo: t.docNo,
    endedOn: t.endedOn,
    status: termStatus(t, today, rs),
    daysLeft: t.endedOn ? null : daysBetween(today, t.endsOn),
    posts: posts
      .filter((p) => p.termId === t.id)
      .sort((a, b) => Number(a.endedOn !== null) - Number(b.endedOn !== null) || POST_ORDER.indexOf(a.post) - POST_ORDER.indexOf(b.post))
      .map(({ termId: _t, ...p }) => ({
        ...p,
        memberName: names ? p.memberName : (maskAs('name', p.memberName) ?? ''),
        postName: LEADERSHIP_POSTS[p.post as LeadershipPost] ?? p.post,
      })),
  }));
}

/** Current and past leadership terms of an org, with posts, holders and the term's status. */
export async function listTerms(ctx: ActorCtx, orgId: number) {
  const org = await findOrg(ctx.db, orgId);
  if (!org) throw notFound('该组织');
  assertCan(ctx.actor, 'orgs:read', org.path, '该组织');
  const rows = await ctx.db
    .select()
    .from(leadershipTerms)
    .where(eq(leadershipTerms.orgId, org.id))
    .orderBy(desc(leadershipTerms.startedOn), desc(leadershipTerms.id));
  const terms = await termsDto(ctx, org, rows);
  const rs = orgRulesetOn(chinaDay(ctx.now()));
  return {
    orgId: org.id,
    orgName: org.name,
    defaultYears: rs.termYears[org.kind] ?? null,
    source: rs.source,
    current: terms.find((t) => t.endedOn === null) ?? null,
    past: terms.filter((t) => t.endedOn !== null),
  };
}

/**
 * Checks the people named for posts: each in the org's subtree, in good standing and a full
 * member — only full members stand for election (基层组织选举工作条例 第五条) — and one 书记 a term.
 */
async function checkHolders(db: DbOrTx, org: OrgRow, seats: { memberId: number; post: string; path: string }[], otherSecretary: boolean) {
  const ids = [...new Set(seats.map((s) => s.memberId))];
  const found = ids.length
    ? await db
        .select({ id: members.id, name: members.name, orgPath: members.orgPath, status: members.status, category: members.category })
        .from(members)
        .where(inArray(members.id, ids))
    : [];
  const byId = new Map(found.map((m) => [m.id, m]));
  const errors: FieldError[] = [];
  let secretaries = otherSecretary ? 1 : 0;
  const seen = new Set<string>();
  for (const s of seats) {
    const m = byId.get(s.memberId);
    if (!m?.orgPath.startsWith(org.path)) errors.push({ path: `${s.path}memberId`, message: `该党员不在${org.name}` });
    else if (m.status !== 'normal') errors.push({ path: `${s.path}memberId`, message: `${m.name}党籍状态不正常，不能担任班子职务` });
    else if (m.category !== 'full')
      errors.push({ path: `${s.path}memberId`, message: `${m.name}是预备党员，只有正式党员才能担任书记、委员` });
    const key = `${s.memberId}:${s.post}`;
    if (seen.has(key)) errors.push({ path: `${s.path}post`, message: '同一人不能重复担任同一职务' });
    seen.add(key);
    if (s.post === 'secretary' && ++secretaries > 1) errors.push({ path: `${s.path}post`, message: '每届班子只设一名书记' });
  }
  if (errors.length) throw new AppError('VALIDATION', errors[0].message, errors);
}

function checkOn(on: string, today: string, notBefore: string, path = 'on') {
  if (on > today) throw invalid(path, '日期不能晚于今天');
  if (on < notBefore) throw invalid(path, `日期不能早于 ${notBefore}`);
}

async function currentTerm(tx: Tx, orgId: number): Promise<TermRow> {
  const [term] = await tx
    .select()
    .from(leadershipTerms)
    .where(and(eq(leadershipTerms.orgId, orgId), isNull(leadershipTerms.endedOn)))
    .for('update');
  if (!term) throw notFound('在任班子');
  return term;
}

async function termDto(ctx: ActorCtx, org: OrgRow, termId: number): Promise<TermDto> {
  const [row] = await ctx.db.select().from(leadershipTerms).where(eq(leadershipTerms.id, termId));
  const [dto] = await termsDto(ctx, org, [row]);
  return dto;
}

/**
 * Records a new leadership term (换届). The current term, if any, ends the day the new one starts,
 * so it becomes history with the posts as they were.
 */
export async function startTerm(ctx: ActorCtx, orgId: number, input: TermCreateInput): Promise<TermDto> {
  const { org, termId } = await ctx.db.transaction(async (tx) => {
    await lockStructure(tx, 'shared');
    const org = await writableOrg(tx, ctx, orgId, '该组织');
    if (org.kind === 'group') throw invalid('', '党小组设组长，不设任期制的委员会');
    const today = chinaDay(ctx.now());
    if (input.startedOn > today) throw invalid('startedOn', '开始日期不能晚于今天');
    const years = input.years ?? orgRulesetOn(input.startedOn).termYears[org.kind];
    if (!years) throw invalid('years', '请填写任期年限');
    await checkHolders(
      tx,
      org,
      input.posts.map((p, i) => ({ ...p, path: `posts.${i}.` })),
      false,
    );
    const [previous] = await tx
      .select()
      .from(leadershipTerms)
      .where(and(eq(leadershipTerms.orgId, org.id), isNull(leadershipTerms.endedOn)))
      .for('update');
    if (previous && input.startedOn <= previous.startedOn) {
      throw invalid('startedOn', `新一届的开始日期应晚于本届开始日期 ${previous.startedOn}`);
    }
    const now = ctx.now();
    if (previous) {
      await tx.update(leadershipTerms).set({ endedOn: input.startedOn, updatedAt: now }).where(eq(leadershipTerms.id, previous.id));
      await tx
        .update(leadershipMembers)
        .set({ endedOn: input.startedOn, updatedAt: now })
        .where(and(eq(leadershipMembers.termId, previous.id), isNull(leadershipMembers.endedOn)));
    }
    const [term] = await tx
      .insert(leadershipTerms)
      .values({
        orgId: org.id,
        orgPath: org.path,
        startedOn: input.startedOn,
        endsOn: termEndsOn(input.startedOn, years),
        years,
        electedHow: input.electedHow,
        docNo: input.docNo ?? null,
      })
      .returning();
    await tx.insert(leadershipMembers).values(input.posts.map((p) => ({ termId: term.id, ...p, startedOn: input.startedOn })));
    const details = {
      termId: term.id,
      startedOn: term.startedOn,
      endsOn: term.endsOn,
      years,
      electedHow: term.electedHow,
      previousTermId: previous?.id ?? null,
    };
    await addOrgEvent(tx, ctx, { orgId: org.id, kind: 'term_start', docNo: input.docNo, details });
    await audit(tx, ctx, {
      action: 'term.start',
      entityType: 'leadership_term',
      entityId: term.id,
      orgId: org.id,
      after: { ...details, posts: input.posts },
    });
    return { org, termId: term.id };
  });
  return termDto(ctx, org, termId);
}

/** 增补: adds a seat to the current term. */
export async function addTermPost(ctx: ActorCtx, orgId: number, input: TermPostAddInput): Promise<TermDto> {
  const { org, termId } = await ctx.db.transaction(async (tx) => {
    await lockStructure(tx, 'shared');
    const org = await writableOrg(tx, ctx, orgId, '该组织');
    const term = await currentTerm(tx, org.id);
    const on = input.on ?? chinaDay(ctx.now());
    checkOn(on, chinaDay(ctx.now()), term.startedOn);
    const active = await tx
      .select()
      .from(leadershipMembers)
      .where(and(eq(leadershipMembers.termId, term.id), isNull(leadershipMembers.endedOn)));
    if (active.some((a) => a.memberId === input.memberId && a.post === input.post)) throw invalid('post', '此人已担任该职务');
    await checkHolders(
      tx,
      org,
      [{ ...input, path: '' }],
      active.some((a) => a.post === 'secretary'),
    );
    const [row] = await tx
      .insert(leadershipMembers)
      .values({ termId: term.id, memberId: input.memberId, post: input.post, startedOn: on })
      .returning();
    await audit(tx, ctx, { action: 'term.post.add', entityType: 'leadership_member', entityId: row.id, orgId: org.id, after: row });
    return { org, termId: term.id };
  });
  return termDto(ctx, org, termId);
}

/** A seat of the current term changes holder or post from `on`: the old row ends, a new one starts. */
export async function replaceTermPost(ctx: ActorCtx, orgId: number, postId: number, input: TermPostUpdateInput): Promise<TermDto> {
  const { org, termId } = await ctx.db.transaction(async (tx) => {
    await lockStructure(tx, 'shared');
    const org = await writableOrg(tx, ctx, orgId, '该组织');
    const term = await currentTerm(tx, org.id);
    const active = await tx
      .select()
      .from(leadershipMembers)
      .where(and(eq(leadershipMembers.termId, term.id), isNull(leadershipMembers.endedOn)));
    const seat = active.find((a) => a.id === postId);
    if (!seat) throw notFound('该职务');
    const next = { memberId: input.memberId ?? seat.memberId, post: input.post ?? seat.post };
    if (next.memberId === seat.memberId && next.post === seat.post) return { org, termId: term.id };
    const on = input.on ?? chinaDay(ctx.now());
    checkOn(on, chinaDay(ctx.now()), seat.startedOn);
    const others = active.filter((a) => a.id !== seat.id);
    if (others.some((a) => a.memberId === next.memberId && a.post === next.post)) throw invalid('post', '此人已担任该职务');
    await checkHolders(
      tx,
      org,
      [{ ...next, path: '' }],
      others.some((a) => a.post === 'secretary'),
    );
    const now = ctx.now();
    await tx.update(leadershipMembers).set({ endedOn: on, updatedAt: now }).where(eq(leadershipMembers.id, seat.id));
    const [row] = await tx
      .insert(leadershipMembers)
      .values({ termId: term.id, ...next, startedOn: on })
      .returning();
    await audit(tx, ctx, {
      action: 'term.post.replace',
      entityType: 'leadership_member',
      entityId: seat.id,
      orgId: org.id,
      before: seat,
      after: row,
    });
    return { org, termId: term.id };
  });
  return termDto(ctx, org, termId);
}

/** 免职: ends a seat of the current term on `on` (default today). */
export async function endTermPost(ctx: ActorCtx, orgId: number, postId: number, onDay?: string): Promise<TermDto> {
  const { org, termId } = await ctx.db.transaction(async (tx) => {
    await lockStructure(tx, 'shared');
    const org = await writableOrg(tx, ctx, orgId, '该组织');
    const term = await currentTerm(tx, org.id);
    const [seat] = await tx
      .select()
      .from(leadershipMembers)
      .where(and(eq(leadershipMembers.id, postId), eq(leadershipMembers.termId, term.id), isNull(leadershipMembers.endedOn)));
    if (!seat) throw notFound('该职务');
    const on = onDay ?? chinaDay(ctx.now());
    checkOn(on, chinaDay(ctx.now()), seat.startedOn, 'query.on');
    await tx.update(leadershipMembers).set({ endedOn: on, updatedAt: ctx.now() }).where(eq(leadershipMembers.id, seat.id));
    await audit(tx, ctx, {
      action: 'term.post.end',
      entityType: 'leadership_member',
      entityId: seat.id,
      orgId: org.id,
      before: seat,
      after: { endedOn: on },
    });
    return { org, termId: term.id };
  });
  return termDto(ctx, org, termId);
}
