import type { Tx } from '../../db/client.js';
import type { DemoContext } from '../../seed/demo.js';

/** Demo data of the competitions module. */
export async function seedCompetitionsDemo(_tx: Tx, _ctx: DemoContext): Promise<void> {}
