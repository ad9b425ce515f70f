import { AgendaSchema } from '@vanguard/shared/api/home';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../platform/http/access.js';
import { homeAgenda } from './home-agenda.service.js';

/** The homes (console and phone): what the signed-in user must do now. */
export async function homeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/home/agenda', {
    // Any signed-in user: every part is read for the user's own grants and member record.
    config: { access: {} },
    schema: { tags: ['home'], summary: '我的首页：现在要做的事（分组，最紧要的在前）', response: { 200: AgendaSchema } },
    handler: async (req) => homeAgenda(actorCtx(req)),
  });
}
