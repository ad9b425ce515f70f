import type { MemberListQuery } from '@vanguard/shared/api/members';
import { and, asc, desc, eq, getTableColumns, gte, ilike, lte, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { members, orgs } from '../../db/schema/index.js';
import { type Actor, inScope, type Scope, scopeOf } from '../../platform/access/scope.js';
import type { FieldCipher } from '../../platform/crypto/fields.js';
import { AppError } from '../../platform/errors.js';

export type MemberRow = typeof members.$inferSelect & { orgName: string };

const columns = { ...getTableColumns(members), orgName: orgs.name };

/** Whether a search box query is an exact-match search by a sensitive value (an ID number or a phone). */
export function sensitiveSearchKind(q: string | undefined): 'idNumber' | 'phone' | null {
  if (!q) return null;
  if (/^\d{17}[\dXx]$/.test(q)) return 'idNumber';
  if (/^1\d{10}$/.test(q)) return 'phone';
  return null;
}

/**
 * The scope of a list: members:read; for an exact-match search by ID number or phone (issue 15
 * item 2: it confirms a masked value in one query), members:read-sensitive — 403 without it anywhere.
 */
export function listScope(actor: Actor, q: string | undefined): Scope {
  if (!sensitiveSearchKind(q)) return scopeOf(actor, 'members:read');
  const sensitive = scopeOf(actor, 'members:read-sensitive');
  if (sensitive.paths.length === 0) throw new AppError('FORBIDDEN', '按身份证号或手机号查找党员须有“查看敏感信息”权限');
  return sensitive;
}

/** How a search box query is read: an ID number, a phone, pinyin, or a part of the name. */
function searchCondition(q: string, cipher: FieldCipher): SQL {
  if (/^\d{17}[\dXx]$/.test(q)) return eq(members.idNumberBi, cipher.blindIndex(q));
  if (/^1\d{10}$/.test(q)) return eq(members.phoneBi, cipher.blindIndex(q));
  if (/^[a-zA-Z]+$/.test(q)) {
    const p = `${q.toLowerCase()}%`;
    return sql`(${members.namePinyin} LIKE ${p} OR ${members.nameInitials} LIKE ${p})`;
  }
  const like = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
  const chars = [...q];
  if (chars.length <= 2 && chars.every((c) => /\p{Script=Han}/u.test(c))) {
    // Too short for the trigram index: the characters index narrows, LIKE keeps their order.
    return sql`(string_to_array(${members.name}, NULL) @> ARRAY[${sql.join(
      chars.map((c) => sql`${c}`),
      sql`, `,
    )}]::text[] AND ${members.name} LIKE ${like})`;
  }
  return ilike(members.name, like);
}

/** Members inside `scope` (and inside `subtreePath` when given), filtered, sorted and paged. */
export async function listMembers(
  db: DbOrTx,
  scope: Scope,
  q: MemberListQuery,
  opts: { cipher: FieldCipher; subtreePath?: string; today: string },
): Promise<{ rows: MemberRow[]; total: number }> {
  const conds: SQL[] = [inScope(members.orgPath, scope)];
  if (opts.subtreePath) conds.push(sql`${members.orgPath} LIKE ${`${opts.subtreePath}%`}`);
  if (q.q) conds.push(searchCondition(q.q, opts.cipher));
  if (q.category) conds.push(eq(members.category, q.category));
  if (q.status) conds.push(eq(members.status, q.status));
  if (q.label) conds.push(sql`${members.labels} @> ARRAY[${q.label}]::text[]`);
  const shift = (years: number) => sql`(${opts.today}::date - make_interval(years => ${years}))::date`;
  // age ≥ n ⇔ born on or before today − n years; age ≤ n ⇔ born after today − (n + 1) years.
  if (q.ageMin !== undefined) conds.push(sql`${members.birthDate} <= ${shift(q.ageMin)}`);
  if (q.ageMax !== undefined) conds.push(sql`${members.birthDate} > ${shift(q.ageMax + 1)}`);
  if (q.admittedFrom) conds.push(gte(members.admittedOn, q.admittedFrom));
  if (q.admittedTo) conds.push(lte(members.admittedOn, q.admittedTo));
  const where = and(...conds);
  const sortCol = { name: members.name, birthDate: members.birthDate, admittedOn: members.admittedOn, id: members.id }[q.sort];
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(columns)
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(where)
      .orderBy(q.order === 'desc' ? desc(sortCol) : asc(sortCol), asc(members.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(members).where(where),
  ]);
  return { rows, total };
}

export async function findMember(db: DbOrTx, id: number): Promise<MemberRow | undefined> {
  const [row] = await db.select(columns).from(members).innerJoin(orgs, eq(orgs.id, members.orgId)).where(eq(members.id, id));
  return row;
}
