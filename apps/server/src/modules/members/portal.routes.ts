import { PortalMeSchema } from '@vanguard/shared/api/members';
import { eq, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { members, recruitmentCases, users, workers } from '../../db/schema/index.js';
import type { ActorCtx } from '../../platform/context.js';
import { actorCtx } from '../../platform/http/access.js';

/**
 * Who the signed-in person is on the phone: a member (member record linked to the login), a worker
 * (职工群众, a worker record), or neither; and whether a recruitment case is theirs. The phone shows
 * only the tiles that apply (a worker never meets "账号未关联党员档案" behind a member's tile).
 */
async function portalMe(ctx: ActorCtx) {
  const userId = ctx.actor.userId;
  const [row] = await ctx.db
    .select({
      displayName: users.displayName,
      memberName: sql<string | null>`(SELECT m.name FROM ${members} m WHERE m.user_id = ${userId} AND m.status = 'normal' LIMIT 1)`,
      workerName: sql<string | null>`(SELECT w.name FROM ${workers} w WHERE w.user_id = ${userId} LIMIT 1)`,
    })
    .from(users)
    .where(eq(users.id, userId));
  const [inCase] = await ctx.db
    .select({ id: recruitmentCases.id })
    .from(recruitmentCases)
    .where(
      or(
        sql`${recruitmentCases.workerId} IN (SELECT id FROM ${workers} WHERE user_id = ${userId})`,
        sql`${recruitmentCases.memberId} IN (SELECT id FROM ${members} WHERE user_id = ${userId})`,
      ),
    )
    .limit(1);
  const kind = row?.memberName ? 'member' : row?.workerName ? 'worker' : 'none';
  return {
    kind,
    name: row?.memberName ?? row?.workerName ?? row?.displayName ?? '',
    inRecruitment: Boolean(inCase),
  } as const;
}

export async function portalRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/me/portal', {
    config: { access: { permission: 'self:portal' } },
    schema: { tags: ['members'], summary: '手机端：我是谁（党员、职工群众）与可用的服务', response: { 200: PortalMeSchema } },
    handler: async (req) => portalMe(actorCtx(req)),
  });
}
