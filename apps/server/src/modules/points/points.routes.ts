import type { FastifyInstance } from 'fastify';

/** Routes of the points module: learning points per activity with daily caps, and branch leaderboards. */
export async function pointsRoutes(_app: FastifyInstance): Promise<void> {}
