/** The recruitment module's face: what other modules may call. */
export { recruitmentCalendar } from './recruitment.calendar.js';
export { recruitmentMetrics } from './recruitment.metrics.js';
