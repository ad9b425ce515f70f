import type { Messages } from './zh-CN';

/** English text of the recruitment module: the same keys as recruitment.zh-CN (the type enforces it). */
export const recruitmentEnUS: Pick<Messages, 'recruitment'> = {
  recruitment: {
    title: 'Recruitment',
  },
};
