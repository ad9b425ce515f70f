/** Points for learning (学习积分): the award entry points other modules call inside their transactions. */
export { type AwardInput, type AwardResult, awardExamPoints, awardPoints, awardStudySeconds, capsOn } from './points.award.js';
