import { analyticsZhCN } from './analytics.zh-CN';
import { archiveWorkZhCN } from './archive-work.zh-CN';
import { collabZhCN } from './collab.zh-CN';
import { competitionsZhCN } from './competitions.zh-CN';
import { coursesZhCN } from './courses.zh-CN';
import { duesZhCN } from './dues.zh-CN';
import { learningZhCN } from './learning.zh-CN';
import { lifeZhCN } from './life.zh-CN';
import { membersZhCN } from './members.zh-CN';
import { mentorsZhCN } from './mentors.zh-CN';
import { pointsZhCN } from './points.zh-CN';
import { recruitmentZhCN } from './recruitment.zh-CN';
import { relationsZhCN } from './relations.zh-CN';
import { secretaryZhCN } from './secretary.zh-CN';

/** Chinese text of the pages of each module, merged into zh-CN before the first page renders. */
export const zhCNPages = {
  ...archiveWorkZhCN,
  ...collabZhCN,
  ...competitionsZhCN,
  ...coursesZhCN,
  ...duesZhCN,
  ...learningZhCN,
  ...lifeZhCN,
  ...membersZhCN,
  ...mentorsZhCN,
  ...pointsZhCN,
  ...recruitmentZhCN,
  ...relationsZhCN,
  ...secretaryZhCN,
  ...analyticsZhCN,
};
