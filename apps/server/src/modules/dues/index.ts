/** The dues module's face: what other modules may call. */

export { duesCalendar } from './dues.calendar.js';
export { lastPaidDuesMonths } from './dues-arrears.js';
