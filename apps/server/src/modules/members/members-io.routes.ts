import type { FastifyInstance } from 'fastify';

/** Excel import (template, check, all-or-nothing commit, error report) and export of members (issue 3). */
export async function memberIoRoutes(_app: FastifyInstance) {}
