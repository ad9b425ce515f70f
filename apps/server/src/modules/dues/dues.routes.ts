import type { FastifyInstance } from 'fastify';

/** Routes of the dues module (registered once in app.ts). */
export async function duesRoutes(_app: FastifyInstance) {}
