import type { FastifyInstance } from 'fastify';
import { careRoutes } from './care.routes.js';
import { letterRoutes } from './letters.routes.js';
import { transferRoutes } from './transfers.routes.js';

/** Routes of the relations module (registered once in app.ts). */
export async function relationsRoutes(app: FastifyInstance) {
  await app.register(transferRoutes);
  await app.register(letterRoutes);
  await app.register(careRoutes);
}
