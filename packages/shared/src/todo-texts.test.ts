import { describe, expect, it } from 'vitest';
import { TODO_TEXTS, todoText } from './todo-texts.js';

describe('todoText', () => {
  it('fills every placeholder from the parameters', () => {
    expect(todoText('agenda.dues.uncollected', { month: '2026-12', n: 3, amount: '120.00', org: '综采一队党支部' })).toEqual({
      title: '2026-12 党费未收齐：3 人未交，共 120.00 元',
      body: '综采一队党支部',
    });
  });
  it('leaves no placeholder behind when a parameter is missing, and has no body when the code has none', () => {
    expect(todoText('agenda.meeting', { type: '支委会', topic: '研究发展党员' }).body).toBe(' · ');
    for (const code of Object.keys(TODO_TEXTS) as (keyof typeof TODO_TEXTS)[]) expect(todoText(code, {}).title).not.toContain('{{');
  });
});
