import { addDays, addMonths, ageOn, chinaDay } from '@vanguard/shared';
import { asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { members, relationLetterCounters, relationLetters, relationMobiles, relationTransfers, todos } from '../../db/schema/index.js';
import type { DemoContext } from '../../seed/demo.js';

/**
 * Demo data of the relations module, written inside the demo seed's transaction: in 东山综采一队
 * three outgoing letters (one overdue and expired, one open, one with its receipt back), two
 * members away and one staying with us, a member's transfer request, and last-contact facts for
 * the 东山 mine (a few members without contact for over 6 months, so the 失联 list has entries).
 */
export async function seedRelationsDemo(tx: Tx, ctx: DemoContext): Promise<void> {
  const today = chinaDay(ctx.now);
  const branch = ctx.org('东山综采一队党支部');
  const committee = ctx.org('东山矿党委');
  const mine = ctx.org('东山矿党委');
  const people = await tx.select().from(members).where(eq(members.orgId, branch.id)).orderBy(asc(members.id));
  // people[0] is the demo member login; the end of the list is left for the browser tests.
  const pick = (i: number) => people[i];

  // Last-contact facts: the mine's members met last month and paid dues this month; three did not.
  const lastMonth = addMonths(today, -1);
  await tx.execute(sql`
    INSERT INTO relation_contacts (member_id, org_id, org_path, kind, "on", note)
    SELECT id, org_id, org_path, k.kind, k.d::date, '演示数据'
    FROM members, (VALUES ('life', ${lastMonth}), ('dues', ${today})) AS k(kind, d)
    WHERE org_path LIKE ${`${mine.path}%`} AND id NOT IN (${pick(7).id}, ${pick(8).id}, ${pick(9).id})`);
  ctx.outOfContact.push(pick(7).id, pick(8).id, pick(9).id);
  const old: [number, string][] = [
    [pick(7).id, addMonths(today, -7)],
    [pick(8).id, addMonths(today, -9)],
    [pick(9).id, addMonths(today, -26)],
  ];
  await tx.execute(sql`
    INSERT INTO relation_contacts (member_id, org_id, org_path, kind, "on", note)
    SELECT m, ${branch.id}::int, ${branch.path}, k, d, '演示数据'
    FROM (VALUES ${sql.join(
      old.flatMap(([id, d]) => [sql`(${id}::int, 'life', ${d}::date)`, sql`(${id}::int, 'dues', ${addDays(d, -3)}::date)`]),
      sql`, `,
    )}) AS v(m, k, d)`);

  // Outgoing letters, numbered per committee and year (the counters continue from them).
  const letters = [
    { m: pick(1), issuedOn: addDays(today, -50), days: 30, to: '大同市某区某街道党工委', status: 'issued', receipt: null },
    { m: pick(2), issuedOn: addDays(today, -5), days: 90, to: '鄂尔多斯市某旗某镇党委', status: 'issued', receipt: null },
    { m: pick(3), issuedOn: addDays(today, -70), days: 30, to: '太原市某区某社区党委', status: 'received', receipt: addDays(today, -55) },
  ].sort((a, b) => a.issuedOn.localeCompare(b.issuedOn));
  const seqByYear = new Map<number, number>();
  for (const l of letters) {
    const year = Number(l.issuedOn.slice(0, 4));
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    const [t] = await tx
      .insert(relationTransfers)
      .values({
        kind: 'letter',
        memberId: l.m.id,
        orgId: branch.id,
        orgPath: branch.path,
        fromOrgName: '东山综采一队党支部',
        toOrgName: l.to,
        status: l.status === 'received' ? 'completed' : 'letter_issued',
        reason: '调离本集团',
        effectiveOn: l.receipt,
      })
      .returning({ id: relationTransfers.id });
    const [row] = await tx
      .insert(relationLetters)
      .values({
        direction: 'out',
        transferId: t.id,
        memberId: l.m.id,
        orgId: branch.id,
        orgPath: branch.path,
        committeeId: committee.id,
        committeeName: '东山矿党委',
        year,
        seq,
        number: `${year}-${String(seq).padStart(3, '0')}`,
        addressee: `中共${l.to.replace(/某(街道党工委|镇党委|社区党委)$/, '')}委组织部`,
        name: l.m.name,
        sex: l.m.sex,
        age: ageOn(l.m.birthDate, l.issuedOn),
        ethnicity: l.m.ethnicity,
        category: l.m.category,
        idNumberEnc: l.m.idNumberEnc,
        memberPhoneEnc: l.m.phoneEnc,
        fromOrgName: '东山矿党委东山综采一队党支部',
        toOrgName: l.to,
        duesPaidTo: addMonths(l.issuedOn, -1).slice(0, 7),
        validityDays: l.days,
        issuedOn: l.issuedOn,
        committeeAddress: '山西省晋岭市东山矿区矿务路 1 号',
        committeePhone: '0351-6012345',
        committeeFax: '0351-6012346',
        committeePostcode: '030600',
        status: l.status,
        receiptOn: l.receipt,
        receiptOrgName: l.receipt ? l.to : null,
        receiptHandler: l.receipt ? '王干事' : null,
      })
      .returning({ id: relationLetters.id });
    await tx.update(relationTransfers).set({ letterId: row.id }).where(eq(relationTransfers.id, t.id));
  }
  await tx.insert(relationLetterCounters).values([...seqByYear].map(([year, lastSeq]) => ({ committeeId: committee.id, year, lastSeq })));

  // 流动党员: two away, one from elsewhere working here.
  await tx.insert(relationMobiles).values([
    {
      direction: 'out',
      memberId: pick(4).id,
      personName: pick(4).name,
      orgId: branch.id,
      orgPath: branch.path,
      place: '内蒙古鄂尔多斯市某煤矿（外包项目）',
      reason: '外出务工',
      startOn: addDays(today, -40),
      expectedReturnOn: addMonths(addDays(today, -40), 2),
      fixedPlace: false,
      form: 'card',
      contactEnc: pick(4).phoneEnc,
    },
    {
      direction: 'out',
      memberId: pick(5).id,
      personName: pick(5).name,
      orgId: branch.id,
      orgPath: branch.path,
      place: '太原理工大学（脱产培训）',
      reason: '外出学习',
      startOn: addDays(today, -20),
      expectedReturnOn: addMonths(addDays(today, -20), 4),
      fixedPlace: true,
      form: 'certificate',
      contactEnc: pick(5).phoneEnc,
    },
    {
      direction: 'in',
      personName: '贺建国',
      orgId: branch.id,
      orgPath: branch.path,
      place: '东山矿综采一队（劳务派遣）',
      homeOrgName: '河南省某县某村党支部',
      reason: '来矿务工',
      startOn: addDays(today, -60),
      expectedReturnOn: addMonths(addDays(today, -60), 5),
      fixedPlace: true,
      form: 'certificate',
    },
  ]);

  // A member's request from the phone, waiting for the secretary.
  const asker = pick(6);
  const [req] = await tx
    .insert(relationTransfers)
    .values({
      kind: 'request',
      memberId: asker.id,
      orgId: branch.id,
      orgPath: branch.path,
      fromOrgName: '东山综采一队党支部',
      toOrgName: '北岭矿机电运输队',
      status: 'requested',
      reason: '工作调动到北岭矿',
    })
    .returning({ id: relationTransfers.id });
  const secretary = ctx.userIds.get('secretary');
  if (secretary) {
    await tx.insert(todos).values({
      userId: secretary,
      orgId: branch.id,
      title: `${asker.name}申请转出组织关系（去往：北岭矿机电运输队）`,
      body: '理由：工作调动到北岭矿',
      link: '/admin/relations?tab=out',
      sourceKey: `transfer:${req.id}:request`,
    });
  }
}
