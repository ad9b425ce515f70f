import type { FastifyInstance } from 'fastify';

/** Org structure changes, formation rules, leadership terms, 先锋岗 (issue 3). */
export async function orgStructureRoutes(_app: FastifyInstance) {}
