import { checkSignInWindow, chinaDay, lifeRulesetOn, signInWindow, tokenFresh, tokenSlot } from '@vanguard/shared';
import { and, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { meetingAttendees, meetingSignins, meetings } from '../../db/schema/index.js';
import { audit } from '../../platform/audit/audit.js';
import type { ActorCtx } from '../../platform/context.js';
import { AppError, conflict } from '../../platform/errors.js';
import { invalid, type MeetingRow, managedMeeting, myMember, stamp } from './life.access.js';
import type { SignInInput } from './meetings.schemas.js';
import { makeCode, makeToken, parseToken, slotOfCode, tokenSigned } from './signin.token.js';

/**
 * What the console shows: the current token as a QR code (a link into the phone portal), the
 * 6-digit code, and when they change. Only while the sign-in window is open.
 */
export async function signInCode(ctx: ActorCtx, id: number) {
  const { meeting } = await managedMeeting(ctx.db, ctx, id);
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
  const me = await myMember(ctx.db, ctx);
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
  const day = chinaDay(meeting.startsAt);

  return ctx.db.transaction(async (tx) => {
    // The sign-in and the member's last organizational-life date in one statement; the unique
    // index decides a race between two attempts of the same person.
    const inserted = await tx.execute<{ signed_at: Date; method: string }>(sql`
      WITH s AS (
        INSERT INTO meeting_signins (meeting_id, member_id, signed_at, method, client_id)
        VALUES (${meeting.id}, ${me.id}, ${at}, ${method}, ${input.clientId})
        ON CONFLICT (meeting_id, member_id) DO NOTHING
        RETURNING signed_at, method
      ), l AS (
        INSERT INTO member_life_dates (member_id, last_life_on, created_at, updated_at)
        SELECT ${me.id}, ${day}::date, ${now}, ${now} FROM s
        ON CONFLICT (member_id) DO UPDATE SET last_life_on = GREATEST(member_life_dates.last_life_on, excluded.last_life_on), updated_at = excluded.updated_at
      )
      SELECT signed_at, method FROM s`);
    const row = inserted.rows[0];
    if (!row) {
      const [won] = await tx
        .select()
        .from(meetingSignins)
        .where(and(eq(meetingSignins.meetingId, meeting.id), eq(meetingSignins.memberId, me.id)));
      if (won?.clientId === input.clientId) return result(won, true);
      throw new AppError('CONFLICT', `您已于 ${stamp(won.signedAt)} 签到，无需重复签到`);
    }
    // Last, so the audit chain's row lock is held only until the commit.
    await audit(tx, ctx, {
      action: 'meeting.sign-in',
      entityType: 'meeting',
      entityId: meeting.id,
      orgId: meeting.orgId,
      after: { memberId: me.id, method, signedAt: at },
    });
    return result({ signedAt: new Date(row.signed_at), method: row.method }, false);
  });
}
