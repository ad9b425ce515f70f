import type { Messages } from './zh-CN';

/** English text of the competitions module; merged into en-US. */
export const competitionsEnUS: Pick<Messages, 'competitions'> = {
  competitions: {
    mobileTitle: 'Quiz',
    title: 'Competitions',
  },
};
