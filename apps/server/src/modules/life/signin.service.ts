import { checkSignInWindow, chinaDay, lifeRulesetOn, signInWindow, tokenFresh, tokenSlot } from '@vanguard/shared';
import type { SignInInput } from '@vanguard/shared/api/life';
import { and, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { meetingAttendees, meetingSignins, meetings } from '../../db/schema/index.js';
import { MEETINGS } from '../../platform/access/gates.js';
import { loadFor, myMember } from '../../platform/access/load.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { type MeetingRow, stamp } from './life.common.js';
import { makeCode, makeToken, parseToken, slotOfCode, tokenSigned } from './signin.token.js';

/**
 * What the console shows: the current token as a QR code (a link into the phone portal), the
 * 6-digit code, and when they change. Only while the sign-in window is open.
 */
export async function signInCode(ctx: ActorCtx, id: number) {
  const meeting = await loadFor(ctx, MEETINGS, id, 'life:manage');
  if (meeting.cancelledAt) throw conflict('该会议已取消');
  const now = ctx.now();
  const rs = lifeRulesetOn(chinaDay(meeting.startsAt));
  const w = signInWindow(meeting.startsAt, rs);
  const check = checkSignInWindow(now, meeting.startsAt, rs);
  if (!check.ok) return { open: false as const, message: check.message, opens: w.opens, closes: w.closes };
  const slot = tokenSlot(now, rs);
  const token = makeToken(meeting.id, slot, meeting.signKey);
  const url = `/m/life/sign-in?t=${encodeURIComponent(token)}`;
  const qrSvg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return {
    open: true as const,
    token,
    url,
    qrSvg,
    code: makeCode(meeting.id, slot, meeting.signKey),
    refreshAt: new Date((slot + 1) * rs.tokenRotateSeconds * 1000),
    opens: w.opens,
    closes: w.closes,
  };
}

const badToken = () => invalid('token', '签到二维码无效，请扫描会场屏幕上的二维码');
const expired = () => invalid('token', '签到码已过期，请重新扫码或输入屏幕上最新的签到码');

/** Finds the meeting and the rotation slot the phone proved it saw. */
async function resolve(ctx: ActorCtx, memberId: number, input: SignInInput, at: Date): Promise<{ meeting: MeetingRow; slot: number }> {
  if (input.token) {
    const p = parseToken(input.token);
    if (!p) throw badToken();
    const [meeting] = await ctx.db.select().from(meetings).where(eq(meetings.id, p.meetingId));
    if (!meeting || !tokenSigned(input.token, meeting.signKey)) throw badToken();
    return { meeting, slot: p.slot };
  }
  // A typed code: among the member's meetings whose window is open at `at`.
  const rs = lifeRulesetOn(chinaDay(at));
  const span = rs.signInWindowMinutes * 60_000;
  const candidates = await ctx.db
    .select({ m: meetings })
    .from(meetingAttendees)
    .innerJoin(meetings, eq(meetings.id, meetingAttendees.meetingId))
    .where(
      and(
        eq(meetingAttendees.memberId, memberId),
        isNull(meetings.cancelledAt),
        gte(meetings.startsAt, new Date(at.getTime() - span)),
        lte(meetings.startsAt, new Date(at.getTime() + span)),
        input.meetingId ? eq(meetings.id, input.meetingId) : undefined,
      ),
    );
  for (const { m } of candidates) {
    const slot = slotOfCode(input.code as string, m.id, m.signKey, at, lifeRulesetOn(chinaDay(m.startsAt)));
    if (slot !== null) return { meeting: m, slot };
  }
  throw invalid('code', '签到码不正确或已过期，请核对会场屏幕上最新的 6 位签到码（仅在签到时间内有效）');
}

/**
 * 扫码/输码签到. Checks, in order: the token's signature (or the code), that it was fresh when
 * used, the sign-in window, that the member is expected. A phone without signal queues the
 * attempt with its scan time; it is accepted later if the token was valid then. One sign-in per
 * person: the unique index decides races; a replay of the same attempt (clientId) returns the
 * first result, another attempt is refused.
 */
export async function signIn(ctx: ActorCtx, input: SignInInput) {
  const me = await myMember(ctx);
  const now = ctx.now();
  let at = now;
  if (input.scannedAt) {
    const rs0 = lifeRulesetOn(chinaDay(now));
    if (input.scannedAt.getTime() > now.getTime() + 60_000) throw invalid('scannedAt', '扫码时间晚于当前时间，请校准手机时间');
    if (input.scannedAt.getTime() < now.getTime() - rs0.offlineMaxHours * 3_600_000)
      throw invalid('scannedAt', `离线签到须在 ${rs0.offlineMaxHours} 小时内上传`);
    at = input.scannedAt;
  }
  const { meeting, slot } = await resolve(ctx, me.id, input, at);
  const rs = lifeRulesetOn(chinaDay(meeting.startsAt));
  const result = (row: { signedAt: Date; method: string }, replay: boolean) => ({
    meetingId: meeting.id,
    topic: meeting.topic,
    signedAt: row.signedAt,
    method: row.method,
    replay,
  });

  // One read for the member's place on the list and any earlier sign-in.
  const [state] = await ctx.db
    .select({
      excluded: meetingAttendees.excluded,
      signedAt: meetingSignins.signedAt,
      method: meetingSignins.method,
      clientId: meetingSignins.clientId,
    })
    .from(meetingAttendees)
    .leftJoin(
      meetingSignins,
      and(eq(meetingSignins.meetingId, meetingAttendees.meetingId), eq(meetingSignins.memberId, meetingAttendees.memberId)),
    )
    .where(and(eq(meetingAttendees.meetingId, meeting.id), eq(meetingAttendees.memberId, me.id)));
  if (state?.signedAt && state.clientId === input.clientId)
    return result({ signedAt: state.signedAt, method: state.method as string }, true);
  if (meeting.cancelledAt) throw invalid('token', '该会议已取消');
  const win = checkSignInWindow(at, meeting.startsAt, rs);
  if (!win.ok) throw invalid(input.token ? 'token' : 'code', win.message);
  if (!tokenFresh(slot, at, rs)) throw expired();
  if (!state) throw invalid('token', '您不在本次会议的参会名单中，如需参加请联系支部书记');
  if (state.signedAt) throw new AppError('CONFLICT', `您已于 ${stamp(state.signedAt)} 签到，无需重复签到`);
  const method = input.scannedAt ? 'offline' : input.token ? 'qr' : 'code';
  const row = await commitSignIn(ctx, {
    meetingId: meeting.id,
    orgId: meeting.orgId,
    memberId: me.id,
    at,
    method,
    clientId: input.clientId,
    day: chinaDay(meeting.startsAt),
  });
  if (row.clientId !== input.clientId) throw new AppError('CONFLICT', `您已于 ${stamp(row.signedAt)} 签到，无需重复签到`);
  return result(row, !row.inserted);
}

interface Pending {
  ctx: ActorCtx;
  meetingId: number;
  orgId: number;
  memberId: number;
  at: Date;
  method: string;
  clientId: string;
  day: string;
  done: (r: { signedAt: Date; method: string; clientId: string; inserted: boolean }) => void;
  fail: (e: unknown) => void;
}

/**
 * Group commit of sign-ins. Every audited commit takes the audit chain's head row lock
 * (platform/audit: the sealing trigger's `SELECT … FROM audit_head FOR UPDATE`) and holds it through
 * its WAL flush, so one transaction per sign-in serialises them at one flush each
 * (bench/life.ts: backends waiting on Lock/tuple audit_head and Lock/transactionid). Sign-ins that
 * arrive while a batch is committing wait for the next one; each batch is ONE transaction with
 * the sign-in rows, the last-life dates and one audit row per sign-in (each under its member's own
 * request context), so a sign-in is answered only once it and its audit row are committed — or all
 * of the batch fails and every phone retries with its clientId (idempotent).
 * The unique index (meeting_id, member_id) still decides a race between two attempts of one person,
 * also across batches and processes.
 */
const queues = new WeakMap<object, { waiting: Pending[]; running: number }>();
/**
 * Batches in flight at once: the next one writes its rows while the previous holds the audit lock.
 * `LIFE_SIGNIN_GROUP_COMMIT=0` (for the benchmark's before/after only) turns batching off: one
 * transaction per sign-in, as many at once as arrive.
 */
const GROUPED = process.env.LIFE_SIGNIN_GROUP_COMMIT !== '0';
const MAX_BATCH = GROUPED ? 200 : 1;
const PARALLEL = GROUPED ? 3 : Number.POSITIVE_INFINITY;

function commitSignIn(ctx: ActorCtx, p: Omit<Pending, 'ctx' | 'done' | 'fail'>) {
  return new Promise<{ signedAt: Date; method: string; clientId: string; inserted: boolean }>((done, fail) => {
    let q = queues.get(ctx.db);
    if (!q) {
      q = { waiting: [], running: 0 };
      queues.set(ctx.db, q);
    }
    q.waiting.push({ ...p, ctx, done, fail });
    if (q.running < PARALLEL) void drain(ctx.db, q);
  });
}

async function drain(db: ActorCtx['db'], q: { waiting: Pending[]; running: number }) {
  q.running++;
  try {
    while (q.waiting.length) {
      const batch = q.waiting.splice(0, MAX_BATCH);
      try {
        const results = await writeBatch(db, batch);
        for (const [i, b] of batch.entries()) b.done(results[i]);
      } catch (e) {
        for (const b of batch) b.fail(e);
      }
    }
  } finally {
    q.running--;
  }
}

async function writeBatch(db: ActorCtx['db'], batch: Pending[]) {
  return db.transaction(async (tx) => {
    // The sign-ins and the members' last organizational-life dates in one statement.
    const inserted = await tx.execute<{ meeting_id: number; member_id: number }>(sql`
      WITH v (meeting_id, member_id, signed_at, method, client_id, day, now) AS (
        VALUES ${sql.join(
          batch.map(
            (b) =>
              sql`(${b.meetingId}::int, ${b.memberId}::int, ${b.at}::timestamptz, ${b.method}::text, ${b.clientId}::text, ${b.day}::date, ${b.ctx.now()}::timestamptz)`,
          ),
          sql`, `,
        )}
      ), s AS (
        INSERT INTO meeting_signins (meeting_id, member_id, signed_at, method, client_id)
        SELECT DISTINCT ON (meeting_id, member_id) meeting_id, member_id, signed_at, method, client_id FROM v
        ORDER BY meeting_id, member_id, signed_at
        ON CONFLICT (meeting_id, member_id) DO NOTHING
        RETURNING meeting_id, member_id
      ), l AS (
        INSERT INTO member_life_dates (member_id, last_life_on, created_at, updated_at)
        SELECT v.member_id, max(v.day), max(v.now), max(v.now) FROM v JOIN s USING (meeting_id, member_id) GROUP BY v.member_id
        ON CONFLICT (member_id) DO UPDATE SET last_life_on = GREATEST(member_life_dates.last_life_on, excluded.last_life_on), updated_at = excluded.updated_at
      )
      SELECT meeting_id, member_id FROM s`);
    const key = (meetingId: number, memberId: number) => `${meetingId}:${memberId}`;
    const fresh = new Set(inserted.rows.map((r) => key(Number(r.meeting_id), Number(r.member_id))));
    // The rows as stored (the winner of a race, or one of this batch): read back only when some
    // were not inserted.
    const stored =
      fresh.size === batch.length
        ? batch.map((b) => ({ meetingId: b.meetingId, memberId: b.memberId, signedAt: b.at, method: b.method, clientId: b.clientId }))
        : await tx
            .select()
            .from(meetingSignins)
            .where(
              sql`(${meetingSignins.meetingId}, ${meetingSignins.memberId}) IN (${sql.join(
                batch.map((b) => sql`(${b.meetingId}::int, ${b.memberId}::int)`),
                sql`, `,
              )})`,
            );
    const byKey = new Map(stored.map((r) => [key(r.meetingId, r.memberId), r]));
    const out = batch.map((b) => {
      const r = byKey.get(key(b.meetingId, b.memberId));
      if (!r) throw new Error(`sign-in ${key(b.meetingId, b.memberId)} not stored`);
      return {
        signedAt: r.signedAt,
        method: r.method,
        clientId: r.clientId ?? '',
        inserted: fresh.has(key(b.meetingId, b.memberId)) && r.clientId === b.clientId,
      };
    });
    // Audit rows last, so the chain's head lock is held from the first of them to the commit.
    const audited = new Set<string>();
    for (const [i, b] of batch.entries()) {
      if (!out[i].inserted || audited.has(key(b.meetingId, b.memberId))) continue;
      audited.add(key(b.meetingId, b.memberId));
      await audit(tx, b.ctx, {
        action: 'meeting.sign-in',
        entityType: 'meeting',
        entityId: b.meetingId,
        orgId: b.orgId,
        after: { memberId: b.memberId, method: b.method, signedAt: b.at },
      });
    }
    return out;
  });
}
