/** The life module's face: what other modules may call. */
export { lifeCalendar } from './life.calendar.js';
