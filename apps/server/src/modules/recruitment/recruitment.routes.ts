import type { FastifyInstance } from 'fastify';

/** Routes of the recruitment module (registered once in app.ts). */
export async function recruitmentRoutes(_app: FastifyInstance) {}
