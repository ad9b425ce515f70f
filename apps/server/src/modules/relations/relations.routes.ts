import type { FastifyInstance } from 'fastify';

/** Routes of the relations module (registered once in app.ts). */
export async function relationsRoutes(_app: FastifyInstance) {}
