import cnchar from 'cnchar';

/**
 * Stroke counts from cnchar (a maintained data package, 笔画数据 of the 通用规范汉字表), not a hand-typed table.
 * A character it does not know (a letter, a rare character) counts as 99 and sorts last, stably.
 */
export function strokesOf(ch: string): number {
  const n = cnchar.stroke(ch) as unknown;
  return typeof n === 'number' && n > 0 ? n : 99;
}
