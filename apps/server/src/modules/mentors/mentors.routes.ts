import type { FastifyInstance } from 'fastify';

/** Routes of the mentors module: mentor–mentee pairs with plans, meetings and evaluations (导师制). */
export async function mentorsRoutes(_app: FastifyInstance): Promise<void> {}
