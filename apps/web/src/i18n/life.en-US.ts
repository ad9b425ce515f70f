import type { Messages } from './zh-CN';

/** English text of the life module: the same keys as life.zh-CN (the type enforces it). */
export const lifeEnUS: Pick<Messages, 'life'> = {
  life: {
    mobileTitle: 'Meetings',
    title: 'Organizational life',
  },
};
