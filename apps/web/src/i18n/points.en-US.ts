import type { Messages } from './zh-CN';

/** English text of the points module; merged into en-US. */
export const pointsEnUS: Pick<Messages, 'points'> = {
  points: {
    mobileTitle: 'Points',
    title: 'Learning points',
  },
};
