/**
 * The server's text limits and formats for member fields (MemberFieldsSchema in
 * packages/shared/src/api/members.ts), so both the console form and the phone's
 * correction form say in advance what the server would refuse.
 */
export const MAX_LENGTH = {
  name: 30,
  ethnicity: 20,
  nativePlace: 50,
  degree: 20,
  post: 50,
  jobTitle: 50,
  address: 200,
  health: 200,
  reason: 200,
} as const;

export const ID_NUMBER = /^\d{17}[\dXx]$/;
export const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
