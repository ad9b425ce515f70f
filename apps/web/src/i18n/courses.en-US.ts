import type { Messages } from './zh-CN';

/** English text of the courses module: the same keys as courses.zh-CN (the type enforces it). */
export const coursesEnUS: Pick<Messages, 'courses'> = {
  courses: {
    mobileTitle: 'Study',
    title: 'Courses and plans',
  },
};
