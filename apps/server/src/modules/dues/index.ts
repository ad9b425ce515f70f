/** The dues module's face: what other modules may call. */
export { lastPaidDuesMonths } from './dues-arrears.js';
