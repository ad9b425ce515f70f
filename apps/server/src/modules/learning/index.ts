/** The learning module's face: what other modules may call. */
export { learningCalendar } from './learning.calendar.js';
export { learningMetrics } from './learning.metrics.js';
export { myExams } from './my-exams.service.js';
export { usableBy } from './questions.service.js';
