import type { FastifyInstance } from 'fastify';

/** Routes of the courses module (registered once in app.ts). */
export async function coursesRoutes(_app: FastifyInstance) {}
