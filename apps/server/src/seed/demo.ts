import { Faker, zh_CN } from '@faker-js/faker';
import { makeIdNumber } from '@vanguard/shared';
import { count, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { members, orgs, roleGrants, todos, users, workers } from '../db/schema/index.js';
import { seedAnalyticsDemo } from '../modules/analytics/analytics.seed.js';
import { seedCompetitionsDemo } from '../modules/competitions/competitions.seed.js';
import { seedCoursesDemo } from '../modules/courses/courses.seed.js';
import { seedDuesDemo } from '../modules/dues/dues.seed.js';
import { seedLearningDemo } from '../modules/learning/learning.seed.js';
import { seedLifeDemo } from '../modules/life/life.seed.js';
import { namePinyin } from '../modules/members/members.service.js';
import { seedMentorsDemo } from '../modules/mentors/mentors.seed.js';
import { seedPointsDemo } from '../modules/points/points.seed.js';
import { seedRecruitmentDemo } from '../modules/recruitment/recruitment.seed.js';
import { seedRelationsDemo } from '../modules/relations/relations.seed.js';
import { hashPassword } from '../platform/auth/password.js';
import type { Ciphers } from '../platform/crypto/keys.js';
import { setSetting } from '../platform/settings.js';

/** The demo password of every demo login (demo mode only; printed at start). */
export const DEMO_PASSWORD = 'Xianfeng@2026';

/** What the module seeds get: the clock's now, the ciphers, the demo orgs by name and the logins' user ids. */
export interface DemoContext {
  now: Date;
  ciphers: Ciphers;
  org: (name: string) => { id: number; path: string; category: string };
  userIds: ReadonlyMap<string, number>;
  /**
   * Members the demo keeps out of contact (失联: no org life, no dues): the relations seed names them,
   * the dues and life seeds leave them unpaid and unsigned, so every module tells the same story.
   */
  outOfContact: number[];
}

export interface DemoLogin {
  username: string;
  displayName: string;
  role: string;
  org: string;
}

type OrgSpec = { name: string; kind: string; category: string; members?: number; groups?: string[]; children?: OrgSpec[] };

const TEAM_GROUPS = ['早班党小组', '中班党小组', '夜班党小组'];

function mine(prefix: string, size: number): OrgSpec {
  const b = (name: string, category: string, members: number, groups?: string[]): OrgSpec => ({
    name: `${prefix}${name}`,
    kind: 'branch',
    category,
    members: Math.round(members * size),
    groups,
  });
  return {
    name: `${prefix}矿党委`,
    kind: 'committee',
    category: 'leading',
    children: [
      {
        name: `${prefix}矿生产党总支`,
        kind: 'general_branch',
        category: 'production',
        children: [
          b('综采一队党支部', 'production', 46, TEAM_GROUPS),
          b('综采二队党支部', 'production', 42, TEAM_GROUPS),
          b('掘进一队党支部', 'production', 38, TEAM_GROUPS.slice(0, 2)),
          b('掘进二队党支部', 'production', 36, TEAM_GROUPS.slice(0, 2)),
          b('机电运输队党支部', 'production', 34),
          b('通风队党支部', 'production', 28),
        ],
      },
      b('安全监察站党支部', 'safety', 24),
      b('调度信息中心党支部', 'tech', 20),
      b('技术研发中心党支部', 'tech', 26),
      b('机关第一党支部', 'office', 30),
      b('机关第二党支部', 'office', 26),
      b('后勤服务中心党支部', 'logistics', 22),
      b('离退休党支部', 'retired', 44),
    ],
  };
}

const GROUP: OrgSpec = {
  name: '晋岭能源集团党委',
  kind: 'committee',
  category: 'leading',
  children: [
    { name: '集团机关党支部', kind: 'branch', category: 'office', members: 32 },
    mine('东山', 1.25),
    mine('西河', 1.15),
    mine('北岭', 1),
  ],
};

const EDUCATION = ['大学本科', '大专', '中专', '高中', '研究生', '技校'];
const POSTS: Record<string, string[]> = {
  production: ['采煤机司机', '支架工', '掘进机司机', '电钳工', '班组长', '安全员', '瓦斯检查工'],
  safety: ['安全监察员', '瓦斯检查员', '安全质量标准化专员'],
  tech: ['采矿工程师', '地测工程师', '调度员', '信息化工程师'],
  office: ['党务干事', '人力资源专员', '财务会计', '办公室主任'],
  logistics: ['食堂管理员', '公寓管理员', '司机'],
  retired: ['退休职工'],
  leading: ['党务干事'],
};
const AREAS = ['140402', '140403', '140421', '140502', '140521', '140602', '141002'];

/**
 * Seeds the fictional coal group (no real names: faker's zh_CN names with a fixed seed, so every
 * run makes the same people). Runs once, on an empty database.
 */
export async function seedDemo(db: Db, ciphers: Ciphers, now: Date): Promise<DemoLogin[] | null> {
  const [{ n }] = await db.select({ n: count() }).from(orgs);
  if (n > 0) return null;
  const faker = new Faker({ locale: [zh_CN] });
  faker.seed(20261123);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return db.transaction(async (tx) => {
    await setSetting(tx, 'adminMfaRequired', false);
    const byName = new Map<string, { id: number; path: string; category: string }>();
    const memberRows: (typeof members.$inferInsert)[] = [];
    const workerRows: (typeof workers.$inferInsert)[] = [];
    let seq = 0;

    const person = () => {
      const sex = faker.helpers.weightedArrayElement([
        { value: '男' as const, weight: 85 },
        { value: '女' as const, weight: 15 },
      ]);
      const name = faker.person.lastName() + faker.person.firstName(sex === '男' ? 'male' : 'female');
      return { sex, name };
    };

    const addMembers = (org: { id: number; path: string; category: string }, howMany: number) => {
      const retired = org.category === 'retired';
      for (let i = 0; i < howMany; i++) {
        const { sex, name } = person();
        const birthYear = retired ? faker.number.int({ min: 1945, max: 1964 }) : faker.number.int({ min: 1966, max: 2003 });
        const birthDate = `${birthYear}-${String(faker.number.int({ min: 1, max: 12 })).padStart(2, '0')}-${String(faker.number.int({ min: 1, max: 28 })).padStart(2, '0')}`;
        const probationary = !retired && birthYear > 1995 && faker.number.int({ min: 1, max: 10 }) === 1;
        const admitYear = probationary ? 2026 : Math.min(2024, birthYear + faker.number.int({ min: 20, max: 35 }));
        const admittedOn = `${admitYear}-${probationary ? '07' : String(faker.number.int({ min: 1, max: 12 })).padStart(2, '0')}-01`;
        const idNumber = makeIdNumber(faker.helpers.arrayElement(AREAS), birthDate, seq++, sex);
        const phone = `1${faker.helpers.arrayElement(['35', '38', '39', '52', '58', '87'])}${faker.string.numeric(8)}`;
        memberRows.push({
          orgId: org.id,
          orgPath: org.path,
          name,
          ...namePinyin(name),
          sex,
          ethnicity: faker.helpers.weightedArrayElement([
            { value: '汉族', weight: 96 },
            { value: '回族', weight: 2 },
            { value: '蒙古族', weight: 2 },
          ]),
          birthDate,
          education: faker.helpers.arrayElement(EDUCATION),
          post: faker.helpers.arrayElement(POSTS[org.category] ?? POSTS.office),
          category: probationary ? 'probationary' : 'full',
          appliedOn: `${admitYear - 2}-03-01`,
          admittedOn,
          fullOn: probationary ? null : `${admitYear + 1}${admittedOn.slice(4)}`,
          labels: retired ? ['退休'] : [],
          idNumberEnc: ciphers.members.encrypt(idNumber),
          idNumberBi: ciphers.members.blindIndex(idNumber),
          phoneEnc: ciphers.members.encrypt(phone),
          phoneBi: ciphers.members.blindIndex(phone),
        });
      }
      if (org.category === 'production') {
        for (let i = 0; i < 8; i++) {
          const { sex, name } = person();
          workerRows.push({ orgId: org.id, orgPath: org.path, name, sex, team: faker.helpers.arrayElement(['早班', '中班', '夜班']) });
        }
      }
    };

    const insertOrg = async (spec: OrgSpec, parent: { id: number; path: string } | null, sort: number) => {
      const [row] = await tx
        .insert(orgs)
        .values({
          parentId: parent?.id ?? null,
          path: '/',
          name: spec.name,
          kind: spec.kind,
          category: spec.category,
          unitName: spec.name.replace(/党(委|总支|支部|小组)$/, ''),
          foundedOn: `${faker.number.int({ min: 1985, max: 2018 })}-07-01`,
          docNo: `晋岭党发〔${faker.number.int({ min: 2015, max: 2024 })}〕${faker.number.int({ min: 1, max: 90 })}号`,
          sort,
        })
        .returning({ id: orgs.id });
      const path = `${parent?.path ?? '/'}${row.id}/`;
      await tx.update(orgs).set({ path }).where(eq(orgs.id, row.id));
      const node = { id: row.id, path, category: spec.category };
      byName.set(spec.name, node);
      if (spec.members) addMembers(node, spec.members);
      for (const [i, g] of (spec.groups ?? []).entries()) {
        await insertOrg({ name: `${spec.name.replace('党支部', '')}${g}`, kind: 'group', category: spec.category }, node, i);
      }
      for (const [i, child] of (spec.children ?? []).entries()) await insertOrg(child, node, i);
    };
    await insertOrg(GROUP, null, 0);

    for (let i = 0; i < memberRows.length; i += 500) await tx.insert(members).values(memberRows.slice(i, i + 500));
    await tx.insert(workers).values(workerRows);

    const org = (name: string) => {
      const o = byName.get(name);
      if (!o) throw new Error(`demo org missing: ${name}`);
      return o;
    };
    const branch = org('东山综采一队党支部');
    const [firstMember] = await tx.select().from(members).where(eq(members.orgId, branch.id)).limit(1);
    const logins: [string, string, string, string, number | null][] = [
      ['orgadmin', '集团组织部 王组织', 'org_admin', '晋岭能源集团党委', null],
      ['mineadmin', '东山矿组织科 李干事', 'org_admin', '东山矿党委', null],
      ['secretary', '东山综采一队 书记', 'branch_secretary', '东山综采一队党支部', null],
      ['committee', '东山综采一队 组织委员', 'branch_committee', '东山综采一队党支部', null],
      ['member', firstMember.name, 'member', '东山综采一队党支部', firstMember.id],
      ['secretary2', '西河综采一队 书记', 'branch_secretary', '西河综采一队党支部', null],
      // The worker login is 王磊, an applicant (recruitment seed links his worker record): his own name.
      ['worker', '王磊', 'worker', '东山综采一队党支部', null],
      ['handler', '集团纪委 办案员', 'discipline_handler', '晋岭能源集团党委', null],
      ['sysadmin', '系统管理员', 'sys_admin', '晋岭能源集团党委', null],
      ['secadmin', '安全管理员', 'security_admin', '晋岭能源集团党委', null],
      ['auditor', '审计管理员', 'auditor', '晋岭能源集团党委', null],
    ];
    const out: DemoLogin[] = [];
    const userIds = new Map<string, number>();
    for (const [username, displayName, role, orgName, memberId] of logins) {
      const o = org(orgName);
      const [u] = await tx.insert(users).values({ username, displayName, orgId: o.id, passwordHash }).returning({ id: users.id });
      await tx.insert(roleGrants).values({ userId: u.id, role, orgId: o.id });
      if (role === 'branch_secretary' || role === 'branch_committee') {
        // Secretaries and committee members are members too.
        await tx.insert(roleGrants).values({ userId: u.id, role: 'member', orgId: o.id });
      }
      if (memberId) await tx.update(members).set({ userId: u.id }).where(eq(members.id, memberId));
      out.push({ username, displayName, role, org: orgName });
      userIds.set(username, u.id);
      await seedTodos(tx, u.id, o.id, role, now);
    }
    await seedStructureDemo(tx, now, {
      // The secretary's and committee logins' branch has its committee registered (issue 24: the rule
      // check must not say otherwise); the branch still to elect one is a branch without demo logins.
      bare: org('东山掘进一队党支部').id,
      pioneers: branch.id,
      dueSoon: org('东山综采二队党支部').id,
      overdue: org('西河综采一队党支部').id,
    });
    // Each module seeds its own demo data, in the order their data depends on each other.
    const ctx: DemoContext = { now, ciphers, org, userIds, outOfContact: [] };
    await seedRecruitmentDemo(tx, ctx);
    await seedRelationsDemo(tx, ctx);
    await seedDuesDemo(tx, ctx);
    await seedLifeDemo(tx, ctx);
    await seedLearningDemo(tx, ctx);
    await seedCoursesDemo(tx, ctx);
    await seedPointsDemo(tx, ctx);
    await seedMentorsDemo(tx, ctx);
    await seedCompetitionsDemo(tx, ctx);
    await seedAnalyticsDemo(tx, ctx);
    return out;
  });
}

/**
 * Leadership teams for every committee and branch (a branch: 书记, 组织委员, 宣传委员 from its members after the
 * first, who is the demo `member` login; a committee: five from its subtree),
 * with terms spread so the pages show each state: 东山综采二队 ends within 6 months (a to-do),
 * 西河综采一队 is overdue (red), the rest run on; 东山掘进一队 has none yet (its 支委会 is still to be
 * elected: the rule check says so, and the committee above records the 换届). And 先锋岗/责任区 on 东山综采一队.
 */
async function seedStructureDemo(tx: Tx, now: Date, o: { bare: number; pioneers: number; dueSoon: number; overdue: number }) {
  const today = now.toISOString().slice(0, 10);
  await tx.execute(sql`
    WITH t AS (
      INSERT INTO leadership_terms (org_id, org_path, started_on, ends_on, years, elected_how, doc_no)
      SELECT id, path, start, (start + make_interval(years => y))::date, y, 'election', '晋岭党组〔' || extract(year FROM start) || '〕' || id || '号'
      FROM (
        SELECT id, path, CASE WHEN kind = 'committee' THEN 5 ELSE 3 END AS y,
          (${today}::date - CASE
            WHEN id = ${o.dueSoon} THEN interval '2 years 7 months'
            WHEN id = ${o.overdue} THEN interval '3 years 2 months'
            WHEN kind = 'committee' THEN make_interval(months => 6 + (id % 30))
            ELSE make_interval(months => 3 + (id % 24)) END)::date AS start
        FROM orgs WHERE kind IN ('committee', 'general_branch', 'branch') AND dissolved_at IS NULL AND id <> ${o.bare}
      ) o
      RETURNING id, org_id, org_path, started_on
    )
    INSERT INTO leadership_members (term_id, member_id, post, started_on)
    SELECT t.id, m.id, (CASE WHEN m.committee THEN ARRAY['secretary', 'deputy_secretary', 'organization', 'propaganda', 'discipline']
                            ELSE ARRAY['secretary', 'organization', 'propaganda'] END)[m.n], t.started_on
    FROM t JOIN orgs o ON o.id = t.org_id
    CROSS JOIN LATERAL (
      -- A committee's team comes from its subtree; a branch's from its own members after the first.
      SELECT x.id, o.kind = 'committee' AS committee, row_number() OVER (ORDER BY x.id) AS n
      FROM (
        SELECT mm.id FROM members mm
        WHERE mm.org_path LIKE t.org_path || '%' AND (o.kind = 'committee' OR mm.org_id = o.id)
        ORDER BY mm.id OFFSET CASE WHEN o.kind = 'committee' THEN 10 + (o.id % 7) * 5 ELSE 1 END
        LIMIT CASE WHEN o.kind = 'committee' THEN 5 ELSE 3 END
      ) x
    ) m`);
  await tx.execute(sql`
    INSERT INTO pioneer_posts (org_id, org_path, member_id, kind, name, location, started_on)
    SELECT m.org_id, m.org_path, m.id, k.kind, k.name, k.location, ${today}::date - 200
    FROM (SELECT id, org_id, org_path, row_number() OVER (ORDER BY id) AS n FROM members WHERE org_id = ${o.pioneers}) m
    JOIN (VALUES (5, 'post', '综采机组党员先锋岗', '8102 工作面'), (6, 'area', '回风巷党员责任区', '8102 回风巷'),
                 (7, 'area', '机电设备党员责任区', '井下中央变电所')) AS k(n, kind, name, location) ON k.n = m.n`);
}

async function seedTodos(tx: Tx, userId: number, orgId: number, role: string, now: Date) {
  const day = 86_400_000;
  const welcome = {
    userId,
    orgId,
    kind: 'notice',
    severity: 'info',
    title: '欢迎使用先锋智慧党建平台',
    // Read on the phone too: it names no console menu.
    body: '这是演示环境，数据均为虚构。请尽快修改初始密码；管理员账号请启用双因素认证。',
    sourceKey: 'demo:welcome',
  };
  const items: (typeof todos.$inferInsert)[] = [welcome];
  if (role === 'branch_secretary' || role === 'org_admin') {
    items.push({
      userId,
      orgId,
      title: '核对本组织基本信息（成立时间、批准文号、所属单位）',
      body: '演示待办：组织信息是换届提醒和规范化检查的依据。',
      link: '/admin/orgs',
      dueAt: new Date(now.getTime() + 7 * day),
      sourceKey: 'demo:org-info',
    });
  }
  await tx.insert(todos).values(items).onConflictDoNothing();
}
