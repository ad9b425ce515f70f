import type { Tx } from '../../db/client.js';
import type { DemoContext } from '../../seed/demo.js';

/** Demo data of the points module. */
export async function seedPointsDemo(_tx: Tx, _ctx: DemoContext): Promise<void> {}
