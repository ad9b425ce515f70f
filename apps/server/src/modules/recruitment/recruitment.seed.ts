import type { Tx } from '../../db/client.js';
import type { DemoContext } from '../../seed/demo.js';

/** Demo data of the recruitment module, written inside the demo seed's transaction. */
export async function seedRecruitmentDemo(_tx: Tx, _ctx: DemoContext): Promise<void> {}
