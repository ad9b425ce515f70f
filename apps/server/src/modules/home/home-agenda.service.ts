import { chinaDay, type TodoCode, todoText } from '@vanguard/shared';
import type { AgendaEntry, AgendaGroupKey, AgendaItem } from '@vanguard/shared/api/home';
import { and, inArray, isNull, like, sql } from 'drizzle-orm';
import { orgs, todos } from '../../db/schema/index.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { myPlans } from '../courses/index.js';
import { duesAgenda, myDues } from '../dues/index.js';
import { myExams } from '../learning/index.js';
import { lifeAgenda, myMeetings } from '../life/index.js';
import { myPoints } from '../points/index.js';

const RANK = { danger: 0, warning: 1, info: 2 } as const;
const ORDER: AgendaGroupKey[] = ['life', 'dues', 'recruitment', 'meetings', 'learning', 'points'];
/** Roles whose holders answer for a branch's month (书记, 支委). */
const BRANCH_ROLES = ['branch_secretary', 'branch_committee'];

const rendered = (e: AgendaEntry): AgendaItem => ({ ...e, ...todoText(e.code as TodoCode, e.params) });
/** A part that does not apply to this login (no member record: 404) is left out; anything else fails. */
const orNothing = async <T>(f: () => Promise<T>): Promise<T | null> =>
  f().catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
    throw e;
  });
const when = (d: Date) => {
  const s = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return `${s.slice(5, 10)} ${s.slice(11, 16)}`;
};

/** The branch obligations of the orgs where the user is secretary or committee member. */
async function branchAgenda(ctx: ActorCtx): Promise<Map<AgendaGroupKey, AgendaItem[]>> {
  const out = new Map<AgendaGroupKey, AgendaItem[]>();
  const ids = [...new Set(ctx.actor.grants.filter((g) => BRANCH_ROLES.includes(g.role)).map((g) => g.orgId))];
  if (ids.length === 0) return out;
  const mine = await ctx.db
    .select({ id: orgs.id, name: orgs.name, path: orgs.path })
    .from(orgs)
    .where(and(inArray(orgs.id, ids), isNull(orgs.dissolvedAt)));
  const now = ctx.now();
  for (const o of mine) {
    out.set('life', [...(out.get('life') ?? []), ...(await lifeAgenda(ctx.db, o.id, now)).map(rendered)]);
    if (ctx.actor.grants.some((g) => g.orgId === o.id && g.role !== 'member'))
      out.set('dues', [...(out.get('dues') ?? []), ...(await duesAgenda(ctx.db, o, now)).map(rendered)]);
  }
  // Recruitment steps due come from its reminders (rule-driven, per case): the open ones are the work.
  const steps = await ctx.db
    .select()
    .from(todos)
    .where(and(sql`${todos.userId} = ${ctx.actor.userId}`, isNull(todos.doneAt), like(todos.sourceKey, 'recruitment:%')))
    .orderBy(sql`${todos.dueAt} ASC NULLS LAST`)
    .limit(20);
  out.set(
    'recruitment',
    steps.map((t) => ({
      key: t.sourceKey ?? `todo:${t.id}`,
      code: t.code,
      params: t.params,
      title: t.title,
      body: t.body,
      severity: (t.severity in RANK ? t.severity : 'info') as AgendaItem['severity'],
      link: t.link,
      mobileLink: t.link?.startsWith('/m/') ? t.link : null,
      dueOn: t.dueAt ? chinaDay(t.dueAt) : null,
    })),
  );
  return out;
}

/** My own part as a member: meetings ahead, dues owed, exams and study plans due, my points. */
async function memberAgenda(ctx: ActorCtx): Promise<Map<AgendaGroupKey, AgendaItem[]>> {
  const out = new Map<AgendaGroupKey, AgendaItem[]>();
  const now = ctx.now();
  const soon = now.getTime() + 30 * 86_400_000;
  const meetings = (await orNothing(() => myMeetings(ctx, 'upcoming'))) ?? [];
  out.set(
    'meetings',
    meetings
      .filter((m) => m.startsAt.getTime() <= soon)
      .slice(0, 5)
      .map((m) => {
        const leave = m.leaveStatus
          ? ({ pending: '请假待批', approved: '已请假', rejected: '请假未批准' }[m.leaveStatus] ?? m.leaveStatus)
          : '';
        const link = `/m/life/meetings/${m.id}`;
        return rendered({
          key: `meeting:${m.id}`,
          code: leave ? 'agenda.meeting.leave' : 'agenda.meeting',
          params: { type: m.typeName, topic: m.topic, when: when(m.startsAt), place: m.place, leave },
          severity:
            m.signedAt || m.leaveStatus === 'approved' ? 'info' : m.startsAt.getTime() - now.getTime() < 86_400_000 ? 'warning' : 'info',
          link,
          mobileLink: link,
          dueOn: chinaDay(m.startsAt),
        });
      }),
  );
  const dues = await orNothing(() => myDues(ctx));
  if (dues) {
    const waiting = new Set(dues.payments.filter((p) => p.status === 'reported').flatMap((p) => p.months));
    const open = dues.bills.filter((b) => b.status === 'unpaid' && !waiting.has(b.month)).sort((a, b) => a.month.localeCompare(b.month));
    const items: AgendaItem[] = [];
    if (open.length)
      items.push(
        rendered({
          key: 'my-dues:owed',
          code: 'agenda.dues.owed',
          params: {
            n: open.length,
            amount: (open.reduce((s, b) => s + b.dueFen - b.paidFen, 0) / 100).toFixed(2),
            months: open.map((b) => b.month).join('、'),
          },
          severity: dues.arrears.monthsUnpaid >= 3 ? 'danger' : dues.arrears.monthsUnpaid >= 1 ? 'warning' : 'info',
          link: '/m/dues',
          mobileLink: '/m/dues',
          dueOn: null,
        }),
      );
    if (waiting.size)
      items.push(
        rendered({
          key: 'my-dues:pending',
          code: 'agenda.dues.pending',
          params: { n: dues.payments.filter((p) => p.status === 'reported').length, months: [...waiting].sort().join('、') },
          severity: 'info',
          link: '/m/dues',
          mobileLink: '/m/dues',
          dueOn: null,
        }),
      );
    out.set('dues', items);
  }
  const exams = ((await orNothing(() => myExams(ctx))) ?? []).filter((e) => e.canStart && (e.inProgressAttemptId || e.attemptsUsed === 0));
  const plans = ((await orNothing(() => myPlans(ctx))) ?? []).filter((p) => p.completed < p.total);
  out.set('learning', [
    ...exams.slice(0, 5).map((e) =>
      rendered({
        key: `exam:${e.id}`,
        code: 'agenda.exam',
        params: { title: e.title, closes: when(e.closesAt), used: e.attemptsUsed, max: e.maxAttempts },
        severity: e.closesAt.getTime() - now.getTime() < 3 * 86_400_000 ? 'warning' : 'info',
        link: `/m/learning/exams/${e.id}`,
        mobileLink: `/m/learning/exams/${e.id}`,
        dueOn: chinaDay(e.closesAt),
      }),
    ),
    ...plans.slice(0, 5).map((p) =>
      rendered({
        key: `plan:${p.id}`,
        code: 'agenda.course',
        params: { title: p.title, due: p.dueDate, done: p.completed, total: p.total },
        severity: p.dueDate < chinaDay(now) ? 'warning' : 'info',
        link: '/m/courses',
        mobileLink: '/m/courses',
        dueOn: p.dueDate,
      }),
    ),
  ]);
  const points = await orNothing(() => myPoints(ctx));
  if (points)
    out.set('points', [
      rendered({
        key: 'points',
        code: 'agenda.points',
        params: {
          year: points.year.points,
          month: points.month.points,
          rank: points.branch ? `${points.branch.name}本月第 ${points.branch.rank} 名（共 ${points.branch.of} 人）` : '',
        },
        severity: 'info',
        link: '/m/points',
        mobileLink: '/m/points',
        dueOn: null,
      }),
    ]);
  return out;
}

/**
 * "What must I do now" for the signed-in user: the branch's obligations (secretary, committee) and
 * my own (member), grouped; items worst first (then by due day), groups by their worst item.
 */
export async function homeAgenda(ctx: ActorCtx) {
  const [branch, member] = await Promise.all([branchAgenda(ctx), memberAgenda(ctx)]);
  const groups = ORDER.map((key) => {
    const items = [...(branch.get(key) ?? []), ...(member.get(key) ?? [])].sort(
      (a, b) => RANK[a.severity] - RANK[b.severity] || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'),
    );
    return { key, items };
  }).filter((g) => g.items.length > 0);
  const worst = (g: { items: AgendaItem[] }) => Math.min(...g.items.map((i) => RANK[i.severity]));
  return { groups: groups.sort((a, b) => worst(a) - worst(b) || ORDER.indexOf(a.key) - ORDER.indexOf(b.key)) };
}
