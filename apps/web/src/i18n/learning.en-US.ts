import type { Messages } from './zh-CN';

/** English text of the learning module: the same keys as learning.zh-CN (the type enforces it). */
export const learningEnUS: Pick<Messages, 'learning'> = {
  learning: {
    mobileTitle: 'Learning',
    title: 'Learning',
  },
};
