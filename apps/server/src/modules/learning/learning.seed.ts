import type { Tx } from '../../db/client.js';
import type { DemoContext } from '../../seed/demo.js';

/** Demo data of the learning module, written inside the demo seed's transaction. */
export async function seedLearningDemo(_tx: Tx, _ctx: DemoContext): Promise<void> {}
