/** The learning module's face: what other modules may call. */
export { myMember } from './attempts.service.js';
export { learningCalendar } from './learning.calendar.js';
export { myExams } from './my-exams.service.js';
export { managedOrg, usableBy } from './questions.service.js';
