import cnchar from 'cnchar';
import order from 'cnchar-order';

cnchar.use(order);

/** GB 13000.1 classes: 横 (提 with it) 1, 竖 (竖钩 with it) 2, 撇 3, 点 (捺 with it) 4, 折 (every turning stroke) 5. */
const CLASS: Record<string, number> = { 横: 1, 提: 1, 竖: 2, 竖钩: 2, 撇: 3, 点: 4, 捺: 4 };

/**
 * [stroke count, class of each stroke in writing order] from cnchar and cnchar-order (maintained stroke data),
 * not a hand-typed table. A character they do not know sorts last: [99].
 */
export function strokesOf(ch: string): number[] {
  const names = (cnchar.stroke(ch, 'order', 'name') as unknown as string[][] | undefined)?.[0];
  if (!Array.isArray(names) || names.length === 0) return [99];
  return [names.length, ...names.map((n) => CLASS[n.split('|')[0]] ?? 5)];
}
