import { eq } from 'drizzle-orm';
import type { TestEnv } from '../../../test/harness.js';
import { decisionMatters, meetingSignins } from '../../db/schema/index.js';
import { addMeeting } from '../life/life.fixtures.js';
import { addTerm } from '../orgs/orgs.fixtures.js';

type OrgRef = { id: number; path: string };

/** A 党委 with `size` committee members (the first is the secretary) and a 党委会 where `present` of them signed in. */
export async function committeeWithMeeting(env: TestEnv, o: { parent?: OrgRef; size?: number; present?: number } = {}) {
  const org = await env.buildOrg({
    parent: o.parent,
    name: '五矿党委',
    kind: o.parent ? 'general_branch' : 'committee',
    category: o.parent ? undefined : 'leading',
  });
  const ids: number[] = [];
  for (let i = 0; i < (o.size ?? 9); i++) ids.push((await env.buildMember({ org })).id);
  await addTerm(env, org, { holders: ids });
  const { meeting } = await addMeeting(env, org, { type: 'committee', memberIds: ids, minutes: true });
  const present = ids.slice(0, o.present ?? ids.length);
  if (present.length) {
    await env.db
      .insert(meetingSignins)
      .values(present.map((memberId) => ({ meetingId: meeting.id, memberId, signedAt: meeting.startsAt, method: 'manual' })));
  }
  return { org, memberIds: ids, secretaryId: ids[0], present, meetingId: meeting.id };
}

/** A matter written directly (for authz tests). */
export async function addMatter(env: TestEnv, org: OrgRef, kind = 'major_decision') {
  const [m] = await env.db
    .insert(decisionMatters)
    .values({ orgId: org.id, orgPath: org.path, kind, title: '综采工作面设备更新改造', rulesVersion: '2010-07' })
    .returning();
  return m;
}

export const matterRow = async (env: TestEnv, id: number) =>
  (await env.db.select().from(decisionMatters).where(eq(decisionMatters.id, id)))[0];
