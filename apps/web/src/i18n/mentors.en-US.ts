import type { Messages } from './zh-CN';

/** English text of the mentors module; merged into en-US. */
export const mentorsEnUS: Pick<Messages, 'mentors'> = {
  mentors: {
    mobileTitle: 'Mentor',
    title: 'Mentoring',
  },
};
