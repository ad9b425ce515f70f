import { strokeOrder } from '@vanguard/shared/elections/rules';
import { describe, expect, it } from 'vitest';
import { strokesOf } from './strokes.js';

describe('surname stroke order from the stroke data package', () => {
  it('orders a list whose order is known (丁 2, 马 3, 王 4, 刘 6, 李 7 横起, 张 7 折起, 陈 7 折起, 周 8, 欧阳 8)', () => {
    expect(strokesOf('王')).toEqual([4, 1, 1, 2, 1]);
    const names = ['周明', '张伟', '王芳', '李娜', '刘洋', '马力', '丁一', '欧阳华'];
    const sorted = strokeOrder(
      names.map((name) => ({ name })),
      strokesOf,
    ).map((x) => x.name);
    expect(sorted.slice(0, 5)).toEqual(['丁一', '马力', '王芳', '刘洋', '李娜']);
    expect(sorted.indexOf('李娜')).toBeLessThan(sorted.indexOf('张伟'));
    expect(sorted.indexOf('张伟')).toBeLessThan(sorted.indexOf('周明'));
    expect(strokesOf('A')).toEqual([99]);
  });
});
