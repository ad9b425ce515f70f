/** The dues module's face: what other modules may call. */

export { duesCalendar } from './dues.calendar.js';
export { duesMetrics } from './dues.metrics.js';
export { duesAgenda } from './dues-agenda.service.js';
export { lastPaidDuesMonths } from './dues-arrears.js';
export { myDues } from './dues-self.service.js';
