import { createHmac, randomBytes } from 'node:crypto';
import { AppError } from '../../platform/errors.js';

/**
 * In-memory limits for the public routes (issue 18 items 2 and "bad input"): the address is used only
 * here, as an HMAC under a key made at process start, and never written anywhere. A restart forgets all.
 */
const processKey = randomBytes(32);
const tag = (address: string | undefined): string =>
  createHmac('sha256', processKey)
    .update(address ?? '')
    .digest('base64url');

interface Window {
  start: number;
  n: number;
}

export class Limiter {
  private readonly hits = new Map<string, Window>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** True while the address has used fewer than `max` in the current window. */
  allowed(address: string | undefined, now: Date): boolean {
    const w = this.hits.get(tag(address));
    return !w || now.getTime() - w.start >= this.windowMs || w.n < this.max;
  }

  hit(address: string | undefined, now: Date): void {
    const k = tag(address);
    const t = now.getTime();
    const w = this.hits.get(k);
    if (!w || t - w.start >= this.windowMs) this.hits.set(k, { start: t, n: 1 });
    else w.n++;
    if (this.hits.size > 50_000) this.sweep(t);
  }

  private sweep(t: number): void {
    for (const [k, w] of this.hits) if (t - w.start >= this.windowMs) this.hits.delete(k);
  }
}

/** 50 reports a minute from one address; the 51st is 429. */
export const intakeLimit = new Limiter(50, 60_000);
/** 10 wrong receipts in 10 minutes from one address, and 300 a minute overall (a spread-out guessing run). */
export const receiptLimit = new Limiter(10, 600_000);
export const receiptLimitAll = new Limiter(300, 60_000);
const ALL = 'all';

export const throttled = () => new AppError('AUTH_THROTTLED', '尝试过于频繁，请稍后再试');

export function checkReceiptLimit(address: string | undefined, now: Date): void {
  if (!receiptLimit.allowed(address, now) || !receiptLimitAll.allowed(ALL, now)) throw throttled();
}

export function wrongReceipt(address: string | undefined, now: Date): void {
  receiptLimit.hit(address, now);
  receiptLimitAll.hit(ALL, now);
}
