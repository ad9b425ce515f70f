import { sql } from 'drizzle-orm';
import { petitions } from '../../db/schema/index.js';
import type { FileOwnerKind } from '../../platform/files/owners.js';
import { mayReadPhotos } from './petitions.policy.js';

/** A petition's photos: the petitioner, and petitions:handle over the org handling it or the first org. */
export const petitionFileOwners: FileOwnerKind = {
  kind: 'petition',
  personal: true,
  async owners(ctx, fileId) {
    const rows = await ctx.db
      .select({
        id: petitions.id,
        orgPath: petitions.orgPath,
        originOrgPath: petitions.originOrgPath,
        submitter: petitions.submitterUserId,
      })
      .from(petitions)
      .where(sql`${fileId}::uuid = ANY(${petitions.photoFileIds})`);
    return rows.map((p) => ({ id: p.id, readable: mayReadPhotos(ctx.actor, p) }));
  },
};
