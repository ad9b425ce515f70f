import type { Messages } from './zh-CN';

/** English text of the relations module: the same keys as relations.zh-CN (the type enforces it). */
export const relationsEnUS: Pick<Messages, 'relations'> = {
  relations: {
    mobileTitle: 'Transfers',
    title: 'Transfers',
  },
};
