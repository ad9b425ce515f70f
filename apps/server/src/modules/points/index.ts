/** The points module's face: the award entry points other modules call inside their transactions. */
export { awardExamPoints, awardPoints, awardStudySeconds } from './points.award.js';
export { myPoints } from './points.query.js';
