/** The life module's face: what other modules may call. */
export { lifeCalendar } from './life.calendar.js';
export { lifeMetrics } from './life.metrics.js';
export { lifeAgenda } from './life-agenda.service.js';
export { myMeetings } from './my.service.js';
