/** Tables of the competitions module: live quizzes a host runs and weekly challenges (安全知识竞赛). */
export {};
