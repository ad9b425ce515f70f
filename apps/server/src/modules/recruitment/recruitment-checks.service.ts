import { chinaDay } from '@vanguard/shared';
import type { CaseDetailDto, CheckCreateInput } from '@vanguard/shared/api/recruitment';
import { recruitmentChecks } from '../../db/schema/index.js';
import { CASES } from '../../platform/access/gates.js';
import { loadFor } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { conflict } from '../../platform/errors.js';
import { checkFiles, one } from './recruitment.common.js';
import { getCase } from './recruitment-cases.service.js';

/** A branch review (每半年考察) or a thought report (思想汇报), while cultivating or on probation. */
export async function addCheck(ctx: ActorCtx, id: number, input: CheckCreateInput): Promise<CaseDetailDto> {
  const today = chinaDay(ctx.now());
  await ctx.db.transaction(async (tx) => {
    const c = await loadFor(ctx, CASES, id, 'members:write', { db: tx, lock: true });
    if (c.status !== 'active' || !c.activistOn) throw conflict('确定为入党积极分子后才记录考察和思想汇报');
    if (input.doneOn > today) throw one('doneOn', '日期不能晚于今天');
    if (input.doneOn < c.activistOn) throw one('doneOn', `日期不能早于确定为入党积极分子的日期 ${c.activistOn}`);
    await checkFiles(tx, ctx, input.fileIds);
    const [row] = await tx
      .insert(recruitmentChecks)
      .values({
        caseId: c.id,
        kind: input.kind,
        doneOn: input.doneOn,
        note: input.note ?? null,
        fileIds: input.fileIds,
        recordedBy: ctx.actor.userId,
      })
      .returning({ id: recruitmentChecks.id });
    await audit(tx, ctx, {
      action: `recruitment.${input.kind}`,
      entityType: 'recruitment_case',
      entityId: c.id,
      orgId: c.orgId,
      after: { checkId: row.id, ...input },
    });
  });
  return getCase(ctx, id);
}
