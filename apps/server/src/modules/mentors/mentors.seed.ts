import type { Tx } from '../../db/client.js';
import type { DemoContext } from '../../seed/demo.js';

/** Demo data of the mentors module. */
export async function seedMentorsDemo(_tx: Tx, _ctx: DemoContext): Promise<void> {}
