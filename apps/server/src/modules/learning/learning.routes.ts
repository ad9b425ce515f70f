import type { FastifyInstance } from 'fastify';

/** Routes of the learning module (registered once in app.ts). */
export async function learningRoutes(_app: FastifyInstance) {}
