import type { Messages } from './zh-CN';

/** English text of the dues module: the same keys as dues.zh-CN (the type enforces it). */
export const duesEnUS: Pick<Messages, 'dues'> = {
  dues: {
    mobileTitle: 'My dues',
    title: 'Party dues',
  },
};
