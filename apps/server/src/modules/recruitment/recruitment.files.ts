import { eq, inArray, sql } from 'drizzle-orm';
import { members, recruitmentCases, recruitmentChecks, recruitmentSteps, workers } from '../../db/schema/index.js';
import { covers, scopeOf } from '../../platform/access/scope.js';
import type { FileOwnerKind } from '../../platform/files/owners.js';

/**
 * A recruitment step's or review's documents (platform/files owners): read where the case is read
 * (members:read or recruitment:approve over its branch) and by the applicant.
 */
export const recruitmentFileOwners: FileOwnerKind = {
  kind: 'recruitment.case',
  personal: true,
  async owners(ctx, fileId) {
    const holding = sql`${fileId} = ANY(file_ids)`;
    const caseIds = [
      ...(await ctx.db.select({ id: recruitmentSteps.caseId }).from(recruitmentSteps).where(holding)),
      ...(await ctx.db.select({ id: recruitmentChecks.caseId }).from(recruitmentChecks).where(holding)),
    ].map((r) => r.id);
    if (caseIds.length === 0) return [];
    const cases = await ctx.db
      .select({ id: recruitmentCases.id, orgPath: recruitmentCases.orgPath, memberUser: members.userId, workerUser: workers.userId })
      .from(recruitmentCases)
      .leftJoin(members, eq(members.id, recruitmentCases.memberId))
      .leftJoin(workers, eq(workers.id, recruitmentCases.workerId))
      .where(inArray(recruitmentCases.id, [...new Set(caseIds)]));
    const read = [scopeOf(ctx.actor, 'members:read'), scopeOf(ctx.actor, 'recruitment:approve')];
    return cases.map((c) => ({
      id: c.id,
      readable: c.memberUser === ctx.actor.userId || c.workerUser === ctx.actor.userId || read.some((s) => covers(s, c.orgPath)),
    }));
  },
};
