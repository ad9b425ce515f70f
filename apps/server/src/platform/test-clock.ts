import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Clock, systemClock } from './clock.js';

/**
 * The system clock moved by an offset: browser tests move rule time (a year as activist, a year of
 * probation) through PUT /api/test/clock while the real clock keeps ticking underneath.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly base: Clock = systemClock) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }
  /** From now on, `now()` reads `t` (and ticks on from there). */
  set(t: Date): void {
    this.offsetMs = t.getTime() - this.base.now().getTime();
  }
  reset(): void {
    this.offsetMs = 0;
  }
  get offset(): number {
    return this.offsetMs;
  }
}

const ClockBody = z.object({ now: z.iso.datetime({ offset: true }) });
const ClockDto = z.object({ now: z.string(), offsetMs: z.number() });

/**
 * Test-only routes, registered by buildApp only when main.ts was started with VANGUARD_TEST_CLOCK
 * outside production (config.testClock). Public on purpose: moving the clock expires every session
 * (idle 30 minutes), so the tests log in again after a jump.
 */
export async function testClockRoutes(app: FastifyInstance, opts: { clock: OffsetClock }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const dto = () => ({ now: opts.clock.now().toISOString(), offsetMs: opts.clock.offset });
  const schema = { tags: ['test'], response: { 200: ClockDto } };
  r.get('/api/test/clock', { config: { access: 'public' }, schema: { ...schema, summary: '测试时钟：当前时间' } }, async () => dto());
  r.put(
    '/api/test/clock',
    { config: { access: 'public' }, schema: { ...schema, summary: '测试时钟：设定当前时间', body: ClockBody } },
    async (req) => {
      opts.clock.set(new Date(req.body.now));
      req.log.warn({ now: req.body.now }, 'test clock moved');
      return dto();
    },
  );
  r.delete('/api/test/clock', { config: { access: 'public' }, schema: { ...schema, summary: '测试时钟：恢复系统时间' } }, async () => {
    opts.clock.reset();
    return dto();
  });
}
