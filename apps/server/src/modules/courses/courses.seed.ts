import type { Tx } from '../../db/client.js';
import type { DemoContext } from '../../seed/demo.js';

/** Demo data of the courses module, written inside the demo seed's transaction. */
export async function seedCoursesDemo(_tx: Tx, _ctx: DemoContext): Promise<void> {}
