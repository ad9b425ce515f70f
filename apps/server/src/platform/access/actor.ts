import type { Role } from '@vanguard/shared';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { orgs, roleGrants } from '../../db/schema/index.js';
import type { Grant } from './scope.js';

export async function loadGrants(db: DbOrTx, userId: number): Promise<Grant[]> {
  const rows = await db
    .select({ id: roleGrants.id, role: roleGrants.role, orgId: roleGrants.orgId, orgPath: orgs.path, orgName: orgs.name })
    .from(roleGrants)
    .innerJoin(orgs, eq(orgs.id, roleGrants.orgId))
    .where(eq(roleGrants.userId, userId))
    .orderBy(asc(roleGrants.id));
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}
