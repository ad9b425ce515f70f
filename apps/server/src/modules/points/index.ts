/** The points module's face: the award entry points other modules call inside their transactions. */
export { type AwardInput, type AwardResult, awardExamPoints, awardPoints, awardStudySeconds } from './points.award.js';
