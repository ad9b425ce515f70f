/** The phone portal's answers of the life module (part of @vanguard/shared/api/life): my meetings, sign-in, my hours. */
import { z } from 'zod';
import type { Wire } from './wire.js';

/** A member's hours against the year's target (ledger rows and the phone's own). */
export const hoursRow = {
  memberId: z.number(),
  name: z.string(),
  orgName: z.string().optional(),
  hours: z.number(),
  target: z.number(),
  isLeader: z.boolean(),
  met: z.boolean(),
};

const FileSchema = z.object({ id: z.string(), name: z.string(), mime: z.string(), kind: z.string() });

export const MyMeetingSchema = z.object({
  id: z.number(),
  type: z.string(),
  typeName: z.string(),
  topic: z.string(),
  startsAt: z.date(),
  place: z.string(),
  orgName: z.string(),
  cancelled: z.boolean(),
  cancelledAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  signedAt: z.date().nullable(),
  leaveStatus: z.string().nullable(),
  hasMinutes: z.boolean(),
});
export const MyMeetingListSchema = z.array(MyMeetingSchema);
export const MyMeetingDetailSchema = z.object({
  id: z.number(),
  type: z.string(),
  typeName: z.string(),
  topic: z.string(),
  orgName: z.string(),
  startsAt: z.date(),
  endsAt: z.date().nullable(),
  place: z.string(),
  agenda: z.string().nullable(),
  cancelled: z.boolean(),
  cancelReason: z.string().nullable(),
  /** How to sign in: scan the QR code shown at the meeting or type its 6-digit code, within the window. */
  signInHow: z.string(),
  signInOpens: z.date(),
  signInCloses: z.date(),
  signedAt: z.date().nullable(),
  method: z.string().nullable(),
  leave: z.object({ status: z.string(), reason: z.string(), note: z.string().nullable() }).nullable(),
  /** Minutes are shown to those who attended, once published. */
  minutesVisible: z.boolean(),
  minutesNote: z.string().nullable(),
  minutes: z.string().nullable(),
  resolutions: z.string().nullable(),
  files: z.array(FileSchema),
});
export const SignInResultSchema = z.object({
  meetingId: z.number(),
  topic: z.string(),
  signedAt: z.date(),
  method: z.string(),
  /** The same attempt (clientId) again: the first result. */
  replay: z.boolean(),
});
export const MyHoursSchema = z.object({
  year: z.number(),
  ...hoursRow,
  meetings: z.array(
    z.object({
      id: z.number(),
      type: z.string(),
      typeName: z.string(),
      topic: z.string(),
      startsAt: z.date(),
      minutes: z.number(),
      hours: z.number(),
    }),
  ),
});

export type MyMeetingWire = Wire<z.infer<typeof MyMeetingSchema>>;
export type MyMeetingDetailWire = Wire<z.infer<typeof MyMeetingDetailSchema>>;
export type SignInResultWire = Wire<z.infer<typeof SignInResultSchema>>;
export type MyHoursWire = Wire<z.infer<typeof MyHoursSchema>>;
