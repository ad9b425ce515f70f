import type { FastifyInstance } from 'fastify';

/** Routes of the life module (registered once in app.ts). */
export async function lifeRoutes(_app: FastifyInstance) {}
