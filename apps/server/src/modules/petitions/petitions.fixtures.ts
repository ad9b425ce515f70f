import type { TestEnv } from '../../../test/harness.js';
import { meetings, petitions, workers } from '../../db/schema/index.js';

type OrgRef = { id: number; path: string };

/** A worker record with a login holding the worker role (the phone's 职工群众). */
export async function buildWorkerUser(env: TestEnv, org: OrgRef, name = '李师傅') {
  const user = await env.buildUser({ roles: [{ role: 'worker', orgId: org.id }] });
  const [w] = await env.db
    .insert(workers)
    .values({ orgId: org.id, orgPath: org.path, userId: user.id, name, sex: '男', team: '早班' })
    .returning();
  return { user, workerId: w.id };
}

/** A petition inserted directly (for the matrices), in `org`, by a fresh submitter. */
export async function insertPetition(env: TestEnv, org: OrgRef, o: Partial<typeof petitions.$inferInsert> = {}) {
  const submitter = await env.buildUser({ roles: [{ role: 'worker', orgId: org.id }] });
  const [p] = await env.db
    .insert(petitions)
    .values({
      orgId: org.id,
      orgPath: org.path,
      originOrgId: org.id,
      originOrgPath: org.path,
      submitterUserId: submitter.id,
      submitterName: '王师傅',
      category: 'canteen',
      body: '井口食堂夜班没有热饭',
      rulesetVersion: '2026.1',
      receivedOn: '2026-03-02',
      acceptDueOn: '2026-03-03',
      replyDueOn: '2026-03-05',
      firstReplyDueOn: '2026-03-05',
      escalateAfterOn: '2026-03-05',
      ...o,
    })
    .returning();
  return p;
}

/** A planned organizational-life meeting of `org` (a 民情说事会). */
export async function insertMeeting(env: TestEnv, org: OrgRef) {
  const [m] = await env.db
    .insert(meetings)
    .values({
      orgId: org.id,
      orgPath: org.path,
      type: 'party_day',
      topic: '民情说事会',
      place: '会议室',
      invite: { kind: 'all' },
      startsAt: env.clock.now(),
      signKey: 'k',
    })
    .returning();
  return m;
}
